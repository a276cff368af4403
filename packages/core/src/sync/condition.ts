/**
 * `Condition`: Python's `threading.Condition`, a lock plus a queue of waiters.
 *
 * Invariant: every thread inside `wait` counts once, either in WAITERS (not
 * yet notified) or in PERMITS (notified, its permit not yet taken). Both
 * change under the lock, except that a woken waiter takes its permit with a
 * compare-and-swap. `notify(n)` moves up to n waiters from WAITERS to PERMITS
 * and bumps the sequence word SEQ, so a waiter that has released the lock but
 * not yet slept sees SEQ changed and does not sleep: no lost wake-up, and
 * never more than n waiters return `true`.
 */

import type { Waiting } from "../diagnose/waits.ts";
import { RuntimeError } from "../errors.ts";
import { stepping, steps } from "../step/state.ts";
import {
  adopted,
  newWord,
  registerAdoptable,
  reviveShared,
  SHARE,
  type SharedDescriptor,
} from "../thread/transfer.ts";
import { trace, tracer } from "../trace/trace.ts";
import {
  asStepped,
  assertCanBlock,
  checkTimeout,
  deadlineAfter,
  describe,
  now,
  runAsync,
  runBlocking,
  type WaitLoop,
} from "./futex.ts";
import { type AcquireOptions, Lock } from "./lock.ts";
import { RLock } from "./rlock.ts";

const SEQ = 0; // bumped by every notify that wakes someone; waiters sleep on it
const ID = 1;
const WAITERS = 2; // waiters not yet notified (changed under the lock)
const PERMITS = 3; // notified waiters that have not yet taken their permit
const LOCK_KIND = 4; // which lock the condition uses, so another thread can revive it
const KIND_LOCK = 1;
const KIND_RLOCK = 2;

/** The locks a Condition can use. */
export type ConditionLock = Lock | RLock;

/**
 * A condition variable. Python: `threading.Condition`.
 *
 * Hold its lock (`using _ = cond.hold()`) to call `wait`, `waitFor`,
 * `notify` and `notifyAll`; calling them without it throws `RuntimeError`.
 *
 * Warning: a thread must not wait on one condition (or one queue) with
 * `waitAsync` and `wait` at the same time. A `notify` may pick the pending
 * async wait, which cannot run while the thread is blocked in `wait`:
 * the thread then sleeps until the next notify.
 *
 * @example
 * ```ts
 * const cond = new Condition();
 * // consumer:
 * { using _ = cond.hold(); cond.waitFor(() => items[0] > 0); items[0]--; }
 * // producer:
 * { using _ = cond.hold(); items[0]++; cond.notify(); }
 * ```
 */
export class Condition {
  readonly #word: Int32Array;
  readonly #lock: ConditionLock;
  #label: string;
  #op = "wait";

  /** @param lock the lock to use. @default a new RLock */
  constructor(lock?: ConditionLock) {
    const buffers = adopted();
    if (buffers) {
      this.#word = new Int32Array(buffers[0]!);
      const kind = this.#word[LOCK_KIND] === KIND_RLOCK ? "RLock" : "Lock";
      this.#lock = reviveShared({ kind, buffers: buffers.slice(1) }) as ConditionLock;
    } else {
      if (lock !== undefined && !(lock instanceof Lock) && !(lock instanceof RLock)) {
        throw new TypeError(`lock must be a Lock or an RLock, got ${describe(lock)}`);
      }
      this.#lock = lock ?? new RLock();
      this.#word = newWord(32);
      this.#word[LOCK_KIND] = this.#lock instanceof RLock ? KIND_RLOCK : KIND_LOCK;
    }
    this.#label = `Condition ${this.#word[ID]}`;
  }

  /** Acquires the underlying lock (see {@link Lock.acquire}). */
  acquire(options?: AcquireOptions): boolean {
    return this.#lock.acquire(options);
  }

  /** The async twin of {@link acquire}. */
  acquireAsync(options?: Omit<AcquireOptions, "blocking">): Promise<boolean> {
    return this.#lock.acquireAsync(options);
  }

  /** Releases the underlying lock. */
  release(): void {
    this.#lock.release();
  }

  /** Acquires the lock and returns a guard that releases it: Python's `with cond:`. */
  hold(): Disposable {
    return this.#lock.hold();
  }

  /** The async twin of {@link hold}. */
  holdAsync(): Promise<Disposable> {
    return this.#lock.holdAsync();
  }

  /**
   * Releases the lock, sleeps until notified or until `timeout` ms pass, and
   * takes the lock again before returning. Returns `false` if it timed out,
   * `true` if it was notified. Blocks the calling thread; see {@link waitAsync}.
   * Like every condition wait, check what you wait for in a loop (or use
   * {@link waitFor}): another thread may have changed it before you got the lock back.
   * @throws RuntimeError if the calling thread does not hold the lock.
   */
  wait(timeout?: number): boolean {
    if (stepping) steps.point("wait", this.#label);
    const deadline = deadlineAfter(checkTimeout(timeout));
    assertCanBlock("condition.wait()", "await condition.waitAsync()");
    return this.waitUntil(deadline);
  }

  /** The async twin of {@link wait}. */
  waitAsync(timeout?: number): Promise<boolean> {
    if (stepping) return asStepped(() => this.wait(timeout));
    return this.waitUntilAsync(deadlineAfter(checkTimeout(timeout)));
  }

  /**
   * Waits until `predicate()` returns a truthy value, or `timeout` ms pass;
   * returns the predicate's last value. Python: `wait_for`.
   * @throws RuntimeError if the calling thread does not hold the lock.
   */
  waitFor<T>(predicate: () => T, timeout?: number): T {
    const deadline = this.#waitForDeadline(predicate, timeout);
    let result = predicate();
    while (!result) {
      if (now() >= deadline) break;
      assertCanBlock("condition.waitFor()", "await condition.waitForAsync()");
      this.waitUntil(deadline);
      result = predicate();
    }
    return result;
  }

  /** The async twin of {@link waitFor}. */
  async waitForAsync<T>(predicate: () => T, timeout?: number): Promise<T> {
    if (stepping) return this.waitFor(predicate, timeout);
    const deadline = this.#waitForDeadline(predicate, timeout);
    let result = predicate();
    while (!result) {
      if (now() >= deadline) break;
      await this.waitUntilAsync(deadline);
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` threads waiting on this condition (none if nobody waits).
   * They return from `wait` once they get the lock, after the caller releases it.
   * @throws RuntimeError if the calling thread does not hold the lock.
   */
  notify(n = 1): void {
    if (stepping) steps.point("notify", this.#label);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`n must be a non-negative integer, got ${n}`);
    this.#assertOwned("notify on");
    const waiting = this.#word[WAITERS]!;
    const count = Math.min(n, waiting);
    if (count === 0) return;
    this.#word[WAITERS] = waiting - count;
    Atomics.add(this.#word, PERMITS, count);
    Atomics.add(this.#word, SEQ, 1);
    if (tracer.on) trace("signal", { object: this.#label, op: "notify" });
    Atomics.notify(this.#word, SEQ, count);
  }

  /** Wakes every thread waiting on this condition. Python: `notify_all`. */
  notifyAll(): void {
    this.#assertOwned("notify on");
    this.notify(this.#word[WAITERS]!);
  }

  /** @internal `wait` until an absolute deadline (`performance.now()` ms), for primitives built on Condition. */
  waitUntil(deadline: number): boolean {
    const { seq, saved } = this.#enterWait();
    let notified = false;
    try {
      notified = runBlocking(this.#sleepLoop(seq, deadline));
    } finally {
      this.#restore(saved);
    }
    return this.#settle(notified);
  }

  /** @internal The async twin of {@link waitUntil}. */
  async waitUntilAsync(deadline: number): Promise<boolean> {
    const { seq, saved } = this.#enterWait();
    let notified = false;
    try {
      notified = await runAsync(this.#sleepLoop(seq, deadline));
    } finally {
      await this.#restoreAsync(saved);
    }
    return this.#settle(notified);
  }

  /** @internal Names the condition (and its waits) in trace events after the primitive built on it. */
  relabel(label: string, op = "wait"): void {
    this.#label = label;
    this.#op = op;
    this.#on = undefined;
  }

  #on: Waiting | undefined;

  /** What a waiter waits on, for the wait table: the primitive the label names ("Queue 3"). */
  get #waiting(): Waiting {
    if (!this.#on) {
      const space = this.#label.lastIndexOf(" ");
      const id = Number(this.#label.slice(space + 1));
      this.#on = {
        kind: this.#label.slice(0, space),
        id: Number.isInteger(id) ? id : 0,
        op: this.#op,
      };
    }
    return this.#on;
  }

  /** Registers as a waiter and releases the lock (every level of an RLock). */
  #enterWait(): { seq: number; saved: number } {
    this.#assertOwned("wait on");
    this.#word[WAITERS]!++;
    // Read SEQ while still holding the lock: any notify after this bumps it.
    const seq = Atomics.load(this.#word, SEQ);
    const lock = this.#lock;
    if (lock instanceof RLock) return { seq, saved: lock.releaseAll() };
    lock.release();
    return { seq, saved: 1 };
  }

  *#sleepLoop(seq: number, deadline: number): WaitLoop<boolean> {
    if (tracer.on) trace("block", { object: this.#label, op: this.#op });
    let notified = false;
    for (;;) {
      // Why this order: sleep only while SEQ still holds the value read under
      // the lock, so a notify that came after we released the lock is seen.
      // Then read SEQ again *before* trying for a permit: a notify that lands
      // after a failed try has changed SEQ since, so the next wait returns at
      // once instead of sleeping through it. A changed SEQ means some waiter
      // was notified, not necessarily us; without a permit we sleep again.
      const ok = yield { word: this.#word, index: SEQ, expected: seq, deadline, on: this.#waiting };
      const next = Atomics.load(this.#word, SEQ);
      if (this.#takePermit()) {
        notified = true;
        break;
      }
      if (!ok) break;
      seq = next;
    }
    if (tracer.on) trace("unblock", { object: this.#label, op: this.#op, ok: notified });
    return notified;
  }

  #takePermit(): boolean {
    for (let permits = Atomics.load(this.#word, PERMITS); permits > 0; ) {
      const seen = Atomics.compareExchange(this.#word, PERMITS, permits, permits - 1);
      if (seen === permits) return true;
      permits = seen;
    }
    return false;
  }

  /** After a timeout, with the lock held again: leave the waiters, or take the permit left for us. */
  #settle(notified: boolean): boolean {
    if (notified) return true;
    // A notify may have come between our timeout and our getting the lock
    // back. Take its permit if one is left: leaving it would strand it, as
    // the waiter it was meant for may be asleep already and never woken.
    // (Python returns False there and the notification is lost.)
    if (this.#takePermit()) return true;
    this.#word[WAITERS]!--; // no permit left, so we are still counted among WAITERS
    return false;
  }

  #restore(saved: number): void {
    const lock = this.#lock;
    if (lock instanceof RLock) lock.restore(saved);
    else lock.acquire();
  }

  async #restoreAsync(saved: number): Promise<void> {
    await this.#lock.acquireAsync();
    for (let level = 1; level < saved; level++) this.#lock.acquire(); // re-entry: never waits
  }

  #assertOwned(what: string): void {
    const lock = this.#lock;
    const owned = lock instanceof RLock ? lock.isOwned() : lock.locked();
    if (!owned) throw new RuntimeError(`cannot ${what} un-acquired lock`);
  }

  #waitForDeadline(predicate: unknown, timeout: number | undefined): number {
    if (typeof predicate !== "function") throw new TypeError("predicate must be a function");
    this.#assertOwned("wait on");
    return deadlineAfter(checkTimeout(timeout));
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    const inner = this.#lock[SHARE]();
    return {
      kind: "Condition",
      buffers: [this.#word.buffer as SharedArrayBuffer, ...inner.buffers],
    };
  }
}

registerAdoptable("Condition", () => new Condition());

/** One wait of a loop built on a Condition: `cond.wait` until `deadline`. */
export interface ConditionWait {
  condition: Condition;
  deadline: number;
}

/**
 * A loop that runs holding a condition's lock and yields the waits it needs.
 * Semaphore, Barrier and the queues write each operation once as such a loop;
 * {@link withLock} and {@link withLockAsync} drive it, as `runBlocking` and
 * `runAsync` drive a futex loop.
 */
export type ConditionLoop<T> = Generator<ConditionWait, T, boolean>;

/** Python's `with cond: <loop>`, blocking. */
export function withLock<T>(condition: Condition, loop: ConditionLoop<T>): T {
  condition.acquire();
  try {
    let step = loop.next(true);
    while (!step.done) step = loop.next(step.value.condition.waitUntil(step.value.deadline));
    return step.value;
  } finally {
    condition.release();
  }
}

/** The async twin of {@link withLock}. */
export async function withLockAsync<T>(condition: Condition, loop: ConditionLoop<T>): Promise<T> {
  if (stepping) return withLock(condition, loop);
  await condition.acquireAsync();
  try {
    let step = loop.next(true);
    while (!step.done)
      step = loop.next(await step.value.condition.waitUntilAsync(step.value.deadline));
    return step.value;
  } finally {
    condition.release();
  }
}
