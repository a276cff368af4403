/**
 * How long the bench runs. `BENCH_QUICK=1` (the test) runs every measurement
 * once with tiny counts, so the bench cannot rot; its figures mean nothing.
 */
export interface Settings {
  quick: boolean;
  /** Timed rounds per cross-thread measurement (after one warm-up round). */
  rounds: number;
  /** How long each timed round should last. */
  roundMs: number;
  /** CPU time mitata spends on each single-thread figure. */
  microMs: number;
  /** Cold thread starts measured. */
  starts: number;
  /** Items sent through `multithreading`'s channel: enough to hit its failure. */
  channelItems: number;
  /** Tasks per round for the pools. */
  poolTasks: number;
  /** Fresh `node` processes per start-up figure (each side). */
  processRuns: number;
  /** Threads started at once in the "many threads" figure (100 in the full run). */
  manyThreads: number;
  /** Runs of the many-threads and memory figures (each side). */
  manyRuns: number;
  /** Extra live threads whose memory is measured. */
  extraThreads: number;
}

export function settings(): Settings {
  const quick = process.env.BENCH_QUICK === "1";
  return quick
    ? {
        quick,
        rounds: 1,
        roundMs: 5,
        microMs: 20,
        starts: 2,
        channelItems: 200,
        poolTasks: 200,
        processRuns: 1,
        manyThreads: 4,
        manyRuns: 1,
        extraThreads: 2,
      }
    : {
        quick,
        rounds: 7,
        roundMs: 150,
        microMs: 400,
        starts: 12,
        channelItems: 20_000,
        poolTasks: 10_000,
        processRuns: 5,
        manyThreads: 100,
        manyRuns: 2,
        extraThreads: 16,
      };
}
