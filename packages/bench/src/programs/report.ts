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

/**
 * Memory per extra live thread: `start(1)` first (that thread pays the
 * one-time costs, and the runtime warms its spare worker), then `start(k)`
 * more, all parked; the resident memory they add, in MiB, divided by `k`.
 */
export function residentPerThread(k: number, start: (n: number) => void): number {
  start(1);
  const before = process.memoryUsage.rss();
  start(k);
  const after = process.memoryUsage.rss();
  return (after - before) / k / MiB;
}

/** Opens `gate` (a word at 0 that parked threads wait on). */
export function openGate(gate: Int32Array): void {
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
}
