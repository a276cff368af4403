/**
 * The schedulers step mode offers, and PCT's change points. The decision
 * itself (`pick` in `engine.ts`) reads the shared step block, so that any
 * thread holding the turn decides the same way.
 *
 * - replay: the recorded list of the thread that took each step, again.
 * - random: a uniformly random thread among those that can step, from a seed.
 * - pct: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
 *   Nagarakatte, "A Randomized Scheduler with Probabilistic Guarantees of
 *   Finding Bugs", ASPLOS 2010): every thread gets a random priority of at
 *   least d; the highest-priority thread that can step runs; at d − 1 steps
 *   chosen at random among the first k, the running thread drops to priority
 *   d − 1 − i, below every other. A bug of depth d in a run of n threads and
 *   k steps is found with probability at least 1 / (n · k^(d − 1)) per run.
 * - first: always the lowest-numbered thread that can step (also what a
 *   replay does once its list runs out).
 */
export const SCHEDULERS = ["replay", "random", "pct", "first"] as const;
export type Scheduler = (typeof SCHEDULERS)[number];

/** PCT's `count` change points, uniform over steps 1 … k (two may fall on one step). */
export function changePoints(count: number, k: number, random: () => number): number[] {
  const span = Math.max(k, 1);
  const points: number[] = [];
  for (let i = 0; i < count; i++) points.push(1 + (random() % span));
  return points;
}

/** `1*5,2,3*2` — a schedule as text: each step's thread, runs of one thread folded. */
export function formatSchedule(threads: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < threads.length; ) {
    let j = i;
    while (j < threads.length && threads[j] === threads[i]) j++;
    parts.push(j - i === 1 ? `${threads[i]}` : `${threads[i]}*${j - i}`);
    i = j;
  }
  return parts.join(",");
}

/** The inverse of {@link formatSchedule}; throws a clear error on anything else. */
export function parseSchedule(text: string): number[] {
  const threads: number[] = [];
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)(?:\*(\d+))?\s*$/.exec(part);
    if (!m)
      throw new SyntaxError(
        `a schedule is thread numbers separated by commas, a run written 1*5 (thread 1, 5 steps); got ${JSON.stringify(part)}`,
      );
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < count; i++) threads.push(Number(m[1]));
  }
  return threads;
}

// ——— Steering a run from the page ———
// A run started with `pause: "live"` stops before each step past its replay
// list and waits for the page's choice in these words of the step block (the
// engine's layout, `engine.ts`): the thread to move, or CONTINUE to finish
// the run under the random scheduler from CHOICE_SEED.

/** The word the page writes its choice into (0: none yet). */
export const CHOICE = 59;
/** The seed of the random scheduler a CONTINUE switches to. */
export const CHOICE_SEED = 60;
/** A choice: finish the run with the random scheduler. */
export const CONTINUE = -1;

/** The page's side: lets `ident` take the next step (or CONTINUE, with `seed`). Never blocks. */
export function steer(block: SharedArrayBuffer, ident: number, seed = 1): void {
  const words = new Int32Array(block);
  Atomics.store(words, CHOICE_SEED, seed | 0);
  Atomics.store(words, CHOICE, ident);
  Atomics.notify(words, CHOICE);
}
