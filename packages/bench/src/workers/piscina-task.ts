/** piscina's task: the trivial one, so the figure is the pool's own cost. */
export default function echo(n: number): number {
  return n;
}
