/**
 * The round protocol every cross-thread measurement uses, on both sides.
 *
 * The threads start, count themselves in READY, and park on GO. For each
 * round the main thread writes the round's item count to COUNT, bumps GO and
 * times until every thread has counted itself in DONE. The first round is a
 * warm-up (the JIT, the pages of shared memory); its rate sizes the later
 * rounds so that each lasts about `roundMs`. A COUNT of -1 ends the loop.
 * Thread start-up is never inside a timed round.
 */

export const READY = 0;
export const GO = 1;
export const DONE = 2;
export const COUNT = 3;
export const CHECK = 4; // a checksum the threads add to; the main thread checks it per round
export const SLOTS = 16; // the rest is free for the measurement's own words

export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(SLOTS * 4));
}

/** Thread side: runs `body(count)` once per round until told to stop. */
export function runRounds(ctrl: Int32Array, body: (count: number) => void): void {
  Atomics.add(ctrl, READY, 1);
  Atomics.notify(ctrl, READY);
  for (let round = 1; ; round++) {
    // Why this order: GO is bumped after COUNT is written, so a thread that
    // sees round `round` on GO also sees that round's COUNT.
    for (let go = Atomics.load(ctrl, GO); go < round; go = Atomics.load(ctrl, GO)) {
      Atomics.wait(ctrl, GO, go);
    }
    const count = Atomics.load(ctrl, COUNT);
    if (count < 0) return;
    body(count);
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}

/** Thread side, for code that must keep its event loop (async waits). */
export async function runRoundsAsync(
  ctrl: Int32Array,
  body: (count: number) => Promise<void>,
): Promise<void> {
  Atomics.add(ctrl, READY, 1);
  Atomics.notify(ctrl, READY);
  for (let round = 1; ; round++) {
    for (let go = Atomics.load(ctrl, GO); go < round; go = Atomics.load(ctrl, GO)) {
      const wait = Atomics.waitAsync(ctrl, GO, go);
      if (wait.async) await wait.value;
    }
    const count = Atomics.load(ctrl, COUNT);
    if (count < 0) return;
    await body(count);
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}

export class BenchTimeout extends Error {
  override name = "BenchTimeout";
}

/** Main side: blocks until `ctrl[index] >= value`, or throws after `timeoutMs`. */
export function waitAtLeast(
  ctrl: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
  what: string,
): void {
  const deadline = performance.now() + timeoutMs;
  for (let seen = Atomics.load(ctrl, index); seen < value; seen = Atomics.load(ctrl, index)) {
    const left = deadline - performance.now();
    if (left <= 0)
      throw new BenchTimeout(`${what}: no progress for ${timeoutMs} ms (${seen} of ${value})`);
    Atomics.wait(ctrl, index, seen, left);
  }
}

export interface RoundOptions {
  ctrl: Int32Array;
  /** How many threads take part (each counts in READY and DONE once per round). */
  threads: number;
  /** Timed rounds after the warm-up. */
  rounds: number;
  /** Items in the warm-up round. */
  warmup: number;
  /** How long each timed round should last. */
  roundMs: number;
  /** Every COUNT is a multiple of this (so it splits evenly among threads). */
  multiple?: number;
  /** The most items in one round. */
  max?: number;
  /** Before each round (the main thread may reset shared state). */
  before?: (count: number) => void;
  /** After each round: throws if the round went wrong (lost items, a wrong count). */
  check?: (count: number, ctrl: Int32Array) => void;
  timeoutMs?: number;
}

/** Main side: runs the rounds; returns each timed round's rate in items per second. */
export function driveRounds(o: RoundOptions): number[] {
  const { ctrl, threads, multiple = 1, max = 50_000_000, timeoutMs = 20_000 } = o;
  waitAtLeast(ctrl, READY, threads, timeoutMs, "threads starting");
  const rates: number[] = [];
  let count = roundUp(o.warmup, multiple);
  for (let round = 1; round <= o.rounds + 1; round++) {
    Atomics.store(ctrl, CHECK, 0);
    o.before?.(count);
    Atomics.store(ctrl, COUNT, count);
    const t0 = performance.now();
    Atomics.store(ctrl, GO, round);
    Atomics.notify(ctrl, GO);
    waitAtLeast(ctrl, DONE, round * threads, timeoutMs, `round ${round}`);
    const seconds = (performance.now() - t0) / 1000;
    o.check?.(count, ctrl);
    const rate = count / seconds;
    if (round > 1) rates.push(rate);
    count = Math.min(max, roundUp(Math.max(1, (rate * o.roundMs) / 1000), multiple));
  }
  stopRounds(ctrl, o.rounds + 2);
  return rates;
}

/** Main side: tells the threads to leave their loop. */
export function stopRounds(ctrl: Int32Array, round: number): void {
  Atomics.store(ctrl, COUNT, -1);
  Atomics.store(ctrl, GO, round);
  Atomics.notify(ctrl, GO);
}

function roundUp(n: number, multiple: number): number {
  return Math.max(multiple, Math.ceil(n / multiple) * multiple);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The sum 0 + 1 + … + (n - 1), wrapped to an Int32 as `Atomics.add` wraps it. */
export function wrappedSum(n: number): number {
  return Number(BigInt.asIntN(32, (BigInt(n) * BigInt(n - 1)) / 2n));
}
