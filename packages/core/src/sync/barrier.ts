/**
 * `Barrier`: Python's `threading.Barrier`, as in `Lib/threading.py` — a
 * `Condition` over a `Lock`, plus a state and a count.
 *
 * Invariant: STATE is FILLING (threads arrive), DRAINING (the last one has
 * arrived; the others are leaving), RESETTING (reset() while threads wait)
 * or BROKEN. COUNT is how many threads are inside `wait`. Both change only
 * under the lock. A thread arriving while the barrier drains or resets
 * waits for it to fill again, so rounds never mix.
 */

import { BrokenBarrierError } from "../errors.ts";
import { stepping, steps } from "../step/state.ts";
import { type ExportRef, exportRef, resolveExport } from "../thread/exports.ts";
import {
  adopt,
  adopted,
  newWord,
  registerShareable,
  reviveShared,
  SHARE,
  type SharedDescriptor,
} from "../thread/transfer.ts";
import { trace, tracer } from "../trace/trace.ts";
import { Condition, type ConditionLoop, withLock, withLockAsync } from "./condition.ts";
import { asStepped, assertCanBlock, checkTimeout, deadlineAfter } from "./futex.ts";
import { Lock } from "./lock.ts";

const STATE = 0;
const ID = 1;
const COUNT = 2;
const PARTIES = 3;

const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN = -2;

export interface BarrierOptions {
  /** Called by one of the threads (the last to arrive) when the barrier trips, before any is released. Must be an exported function of the program's module. */
  action?: () => unknown;
  /** The default timeout of `wait`, in ms. @default undefined (wait forever) */
  timeout?: number;
}

/**
 * Makes `parties` threads wait for each other: each `wait` returns once all
 * have called it. Python: `threading.Barrier`.
 *
 * A timeout, `abort()` or `reset()` breaks the barrier: every thread waiting
 * in it, and every later `wait` until `reset()`, throws `BrokenBarrierError`.
 *
 * @example
 * ```ts
 * const ready = new Barrier(3);
 * // in each of three threads:
 * const index = ready.wait(); // 0, 1, 2 in arrival order
 * ```
 */
export class Barrier {
  readonly #word: Int32Array;
  readonly #timeout: Float64Array;
  readonly #cond: Condition;
  readonly #label: string;
  readonly #action: (() => unknown) | undefined;
  #actionRef: ExportRef | null | undefined;

  /**
   * @param parties how many threads must call `wait` for it to trip (≥ 1).
   * @throws RangeError if `parties` is not a positive integer or the timeout is negative.
   */
  constructor(parties: number, options: BarrierOptions = {}) {
    const buffers = adopted();
    const { action, timeout } = options;
    if (action !== undefined && typeof action !== "function")
      throw new TypeError("options.action must be a function");
    this.#action = action;
    if (buffers) {
      this.#word = new Int32Array(buffers[0]!);
      this.#cond = reviveShared({ kind: "Condition", buffers: buffers.slice(1) }) as Condition;
    } else {
      if (!Number.isSafeInteger(parties) || parties < 1) {
        throw new RangeError(`parties must be a positive integer, got ${parties}`);
      }
      const ms = timeout === undefined ? -1 : checkTimeout(timeout, "options.timeout");
      this.#word = newWord(24); // 4 ints, then the default timeout (Float64 at byte 16)
      this.#word[PARTIES] = parties;
      new Float64Array(this.#word.buffer, 16, 1)[0] = ms === Number.POSITIVE_INFINITY ? -1 : ms;
      this.#cond = new Condition(new Lock().quiet());
    }
    this.#timeout = new Float64Array(this.#word.buffer, 16, 1);
    this.#label = `Barrier ${this.#word[ID]}`;
    this.#cond.relabel(this.#label);
  }

  /** How many threads must call `wait` for the barrier to trip. */
  get parties(): number {
    return this.#word[PARTIES]!;
  }

  /** How many threads are waiting in it now (a snapshot). Python: `n_waiting`. */
  get nWaiting(): number {
    return Atomics.load(this.#word, STATE) === FILLING ? Atomics.load(this.#word, COUNT) : 0;
  }

  /** Whether the barrier is broken (until `reset()`). */
  get broken(): boolean {
    return Atomics.load(this.#word, STATE) === BROKEN;
  }

  /**
   * Waits until `parties` threads have called `wait`, or `timeout` ms pass
   * (default: the barrier's timeout). Returns the caller's arrival index,
   * 0 to parties − 1. Blocks the calling thread; see {@link waitAsync}.
   * @throws BrokenBarrierError if the barrier is or becomes broken, or this wait times out (which breaks it).
   */
  wait(timeout?: number): number {
    if (stepping) steps.point("wait", this.#label);
    const deadline = this.#deadline(timeout);
    assertCanBlock("barrier.wait()", "await barrier.waitAsync()");
    return withLock(this.#cond, this.#waitLoop(deadline));
  }

  /** The async twin of {@link wait}. */
  waitAsync(timeout?: number): Promise<number> {
    if (stepping) return asStepped(() => this.wait(timeout));
    return withLockAsync(this.#cond, this.#waitLoop(this.#deadline(timeout)));
  }

  /**
   * Puts the barrier back to its empty state. Threads waiting in it get
   * `BrokenBarrierError`. Python: `reset`.
   */
  reset(): void {
    withLock(this.#cond, this.#resetLoop());
  }

  /** Breaks the barrier: every waiting thread, and every later `wait`, gets `BrokenBarrierError`. */
  abort(): void {
    withLock(this.#cond, this.#abortLoop());
  }

  #deadline(timeout: number | undefined): number {
    if (timeout === undefined) {
      const ms = this.#timeout[0]!;
      return deadlineAfter(ms < 0 ? Number.POSITIVE_INFINITY : ms);
    }
    return deadlineAfter(checkTimeout(timeout));
  }

  *#waitLoop(deadline: number): ConditionLoop<number> {
    const word = this.#word;
    // Why this order: a thread that arrives while the last round drains (or a
    // reset finishes) waits for FILLING first, so it joins the next round.
    while (word[STATE] === DRAINING || word[STATE] === RESETTING) {
      yield { condition: this.#cond, deadline: Number.POSITIVE_INFINITY };
    }
    if (word[STATE] === BROKEN) throw new BrokenBarrierError("the barrier is broken");
    const index = word[COUNT]!;
    Atomics.store(word, COUNT, index + 1);
    try {
      if (index + 1 === word[PARTIES]) {
        this.#trip();
      } else {
        let ok = true;
        while (word[STATE] === FILLING && ok) ok = yield { condition: this.#cond, deadline };
        if (word[STATE] === FILLING) {
          this.#break();
          throw new BrokenBarrierError("the barrier wait timed out, which broke the barrier");
        }
        if (word[STATE]! < 0)
          throw new BrokenBarrierError(
            "the barrier was broken (aborted, reset or timed out) while waiting",
          );
      }
      return index;
    } finally {
      Atomics.store(word, COUNT, word[COUNT]! - 1);
      // The last thread out of a draining or resetting barrier refills it.
      if (word[COUNT] === 0 && (word[STATE] === DRAINING || word[STATE] === RESETTING)) {
        Atomics.store(word, STATE, FILLING);
        this.#cond.notifyAll();
      }
    }
  }

  #trip(): void {
    try {
      const action = this.#action ?? (this.#actionRef ? resolveExport(this.#actionRef) : undefined);
      action?.();
      Atomics.store(this.#word, STATE, DRAINING);
      if (tracer.on) trace("signal", { object: this.#label, op: "trip" });
      this.#cond.notifyAll();
    } catch (error) {
      this.#break();
      throw error;
    }
  }

  #break(): void {
    Atomics.store(this.#word, STATE, BROKEN);
    if (tracer.on) trace("signal", { object: this.#label, op: "abort" });
    this.#cond.notifyAll();
  }

  // biome-ignore lint/correctness/useYield: driven like every loop under the lock
  *#resetLoop(): ConditionLoop<void> {
    const word = this.#word;
    if (word[COUNT]! > 0) {
      if (word[STATE] === FILLING || word[STATE] === BROKEN) Atomics.store(word, STATE, RESETTING);
    } else {
      Atomics.store(word, STATE, FILLING);
    }
    if (tracer.on) trace("signal", { object: this.#label, op: "reset" });
    this.#cond.notifyAll();
  }

  // biome-ignore lint/correctness/useYield: driven like every loop under the lock
  *#abortLoop(): ConditionLoop<void> {
    this.#break();
  }

  /** @internal Revival in another thread: the action arrives as an export reference. */
  static revive(descriptor: SharedDescriptor): Barrier {
    const barrier = adopt(descriptor.buffers, () => new Barrier(1));
    barrier.#actionRef = (descriptor.data as ExportRef | null) ?? null;
    return barrier;
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    const inner = this.#cond[SHARE]();
    this.#actionRef ??= this.#action ? exportRef(this.#action, "the barrier action") : null;
    return {
      kind: "Barrier",
      buffers: [this.#word.buffer as SharedArrayBuffer, ...inner.buffers],
      data: this.#actionRef,
    };
  }
}

registerShareable("Barrier", (descriptor) => Barrier.revive(descriptor));
