/**
 * The one place that waits on and wakes shared words. Every blocking call in
 * the library is written once, as a generator that yields the waits it needs
 * (`WaitFor`), and driven either here by `Atomics.wait` (the blocking form)
 * or by `Atomics.waitAsync` (the async twin). Same loop, two drivers.
 */

import { TICK_MS, type Waiting, watchedWait } from "../diagnose/waits.ts";
import { runtime } from "../runtime/index.ts";
import { stepping, steps } from "../step/state.ts";

/** "Wait while `word[index]` still holds `expected`, at most until `deadline`." */
export interface WaitFor {
  word: Int32Array;
  index: number;
  expected: number;
  deadline: number;
  /** What is waited on, for the deadlock report and abandoned locks (see `diagnose/waits.ts`). */
  on?: Waiting;
}

/** `true` when the wait ended by a wake-up or a changed value, `false` on timeout. */
export type WaitLoop<T> = Generator<WaitFor, T, boolean>;

const probe =
  typeof SharedArrayBuffer === "function" ? new Int32Array(new SharedArrayBuffer(4)) : null;

/** Whether this thread may block in `Atomics.wait` (a browser page's own thread may not). */
export const canBlock: boolean = (() => {
  if (!probe) return false;
  try {
    Atomics.wait(probe, 0, 1, 0); // returns "not-equal" at once where waiting is allowed
    return true;
  } catch {
    return false;
  }
})();

/** Throws a clear error where shared memory is missing: a page without cross-origin isolation. */
export function assertSharedMemory(): void {
  if (typeof SharedArrayBuffer !== "function") {
    throw new Error(
      "SharedArrayBuffer is not available: threads need a cross-origin isolated page. " +
        "Serve it with the headers 'Cross-Origin-Opener-Policy: same-origin' and " +
        "'Cross-Origin-Embedder-Policy: require-corp'.",
    );
  }
}

/** Throws where this thread may not block, naming the async twin to use instead. */
export function assertCanBlock(call: string, asyncTwin: string): void {
  if (!canBlock) {
    throw new Error(
      `${call} blocks, and this thread (a browser page's main thread) may not block. ` +
        `Use ${asyncTwin} instead, or run this code in a thread.`,
    );
  }
}

/**
 * Checks a timeout in milliseconds. `undefined` means "wait forever";
 * anything else must be a non-negative number. A negative one is refused,
 * `-1` too: only a lock's acquire takes `-1` for "forever" (see
 * {@link checkLockTimeout}), as in Python, where the other calls take a
 * negative timeout as 0 rather than as forever.
 */
export function checkTimeout(timeout: number | undefined, parameter = "timeout"): number {
  if (timeout === undefined) return Number.POSITIVE_INFINITY;
  if (typeof timeout !== "number" || Number.isNaN(timeout)) {
    throw new TypeError(`${parameter} must be a number of milliseconds, got ${describe(timeout)}`);
  }
  if (timeout < 0) {
    throw new RangeError(
      `${parameter} must be a non-negative number of milliseconds, got ${timeout}`,
    );
  }
  return timeout;
}

/** {@link checkTimeout} for `Lock`/`RLock` acquire, where `-1` means "wait forever" as in Python. */
export function checkLockTimeout(timeout: number | undefined, parameter = "timeout"): number {
  return timeout === -1 ? Number.POSITIVE_INFINITY : checkTimeout(timeout, parameter);
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return `${typeof value} ${String(value)}`;
}

export const now = (): number => (stepping ? steps.now() : performance.now());

export function deadlineAfter(timeoutMs: number): number {
  return timeoutMs === Number.POSITIVE_INFINITY ? timeoutMs : now() + timeoutMs;
}

function msLeft(deadline: number): number {
  return deadline === Number.POSITIVE_INFINITY ? deadline : Math.max(0, deadline - now());
}

/** Blocks until the word changes, is woken, or the deadline passes. */
export function waitBlocking(w: WaitFor): boolean {
  const left = msLeft(w.deadline);
  if (left === 0) return Atomics.load(w.word, w.index) !== w.expected;
  // A wait longer than a tick is recorded in the wait table, in slices.
  if (left > TICK_MS) return watchedWait(w, msLeft);
  return Atomics.wait(w.word, w.index, w.expected, left) !== "timed-out";
}

/**
 * The async twin of `waitBlocking`. On Node a pending `Atomics.waitAsync`
 * does not keep the process alive (nodejs/node#61941), so a timer holds it
 * open while we wait.
 */
export async function waitAsync(w: WaitFor): Promise<boolean> {
  const left = msLeft(w.deadline);
  if (left === 0) return Atomics.load(w.word, w.index) !== w.expected;
  const result = Atomics.waitAsync(w.word, w.index, w.expected, left);
  if (!result.async) return result.value !== "timed-out";
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    return (await result.value) !== "timed-out";
  } finally {
    clearInterval(keepAlive);
  }
}

/**
 * Drives a wait loop with blocking waits. On Node's main thread a SIGINT
 * handler cannot run meanwhile, so Ctrl-C ends the program instead (see
 * `runtime.blocking`), in every blocking call.
 */
export function runBlocking<T>(loop: WaitLoop<T>): T {
  if (stepping) return steps.run(loop); // step mode: "would block" is "not enabled"
  let step = loop.next(true);
  if (step.done) return step.value;
  // Named: in a bundle, the deadlock report tells core's frames by their names.
  const runBlockingLoop = (): T => {
    while (!step.done) step = loop.next(waitBlocking(step.value));
    return step.value;
  };
  return runtime.blocking(runBlockingLoop);
}

/**
 * Drives the same wait loop with async waits. In step mode an async wait is
 * its blocking twin: the thread parks (see `asStepped`).
 */
export async function runAsync<T>(loop: WaitLoop<T>): Promise<T> {
  if (stepping) return steps.run(loop);
  let step = loop.next(true);
  while (!step.done) step = loop.next(await waitAsync(step.value));
  return step.value;
}

/**
 * Step mode: an async twin runs its blocking twin, the same step points and
 * the same wait, and the thread parks until the scheduler grants the wait.
 * Between two steps only one thread runs, so none of the waiting thread's
 * other callbacks (timers, messages) may run meanwhile: they wait with it.
 * Errors come back as a rejected promise, as from the async call.
 */
export function asStepped<T>(blocking: () => T): Promise<T> {
  try {
    return Promise.resolve(blocking());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Wakes up to `count` threads waiting on `word[index]`. */
export function wake(word: Int32Array, index: number, count = Number.POSITIVE_INFINITY): void {
  Atomics.notify(word, index, count);
}
