/** How a start-up program hands its figures to the bench: one JSON line on stdout. */
export function report(figures: Record<string, number>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Blocks until `cell[0] >= n`; throws after 30 s (a start that never happens). */
export function waitCount(cell: Int32Array, n: number, what: string): void {
  const deadline = performance.now() + 30_000;
  for (let seen = Atomics.load(cell, 0); seen < n; seen = Atomics.load(cell, 0)) {
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`${what}: ${seen} of ${n} after 30 s`);
    Atomics.wait(cell, 0, seen, left);
  }
}

/** Lets lazily started work (a spare worker warming) settle before memory is read. */
export function settle(ms = 300): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const MiB = 2 ** 20;
