/**
 * `Semaphore` and `BoundedSemaphore`: Python's, as in `Lib/threading.py` —
 * a `Condition` over a `Lock`, plus a counter.
 *
 * Invariant: 0 ≤ VALUE ≤ MAX_VALUE is the number of `acquire` calls that can
 * succeed without waiting; it changes only under the condition's lock. A
 * `BoundedSemaphore` also keeps VALUE ≤ INITIAL.
 */
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
import { Condition, type ConditionLoop, withLock, withLockAsync } from "./condition.ts";
import { asStepped, assertCanBlock } from "./futex.ts";
import { type AcquireOptions, acquireDeadline, Lock } from "./lock.ts";

const VALUE = 0;
const ID = 1;
const INITIAL = 2;

/** The most permits a semaphore holds: VALUE is one Int32 of shared memory (Python has no limit). */
const MAX_VALUE = 2 ** 31 - 1;

function checkCount(n: number, parameter: string, min: number): number {
  if (!Number.isSafeInteger(n) || n < min) {
    const what = min === 0 ? "a non-negative integer" : "a positive integer";
    throw new RangeError(`${parameter} must be ${what}, got ${n}`);
  }
  if (n > MAX_VALUE) {
    throw new RangeError(
      `${parameter} must be at most 2**31 - 1 (${MAX_VALUE}), the most permits a semaphore holds, got ${n}`,
    );
  }
  return n;
}

/**
 * A counter of permits. `acquire` takes one, waiting while there are none;
 * `release` gives them back. Python: `threading.Semaphore`.
 *
 * @example
 * ```ts
 * const slots = new Semaphore(2); // at most two threads at once
 * using _slot = slots.hold();
 * ```
 */
export class Semaphore {
  readonly #word: Int32Array;
  readonly #cond: Condition;
  readonly #label: string;

  /**
   * @param value the initial number of permits, at most 2**31 - 1. @default 1
   * @throws RangeError if `value` is not an integer from 0 to 2**31 - 1.
   */
  constructor(value = 1) {
    const buffers = adopted();
    if (buffers) {
      this.#word = new Int32Array(buffers[0]!);
      this.#cond = reviveShared({ kind: "Condition", buffers: buffers.slice(1) }) as Condition;
    } else {
      checkCount(value, "value", 0);
      this.#word = newWord(16);
      this.#word[VALUE] = value;
      this.#word[INITIAL] = value;
      this.#cond = new Condition(new Lock().quiet());
    }
    this.#label = `${this.kind()} ${this.#word[ID]}`;
    this.#cond.relabel(this.#label, "acquire");
  }

  /**
   * Takes one permit. Blocks while there is none (`{ blocking: false }`:
   * never blocks; `{ timeout: ms }`: blocks at most that long). Returns
   * `true` if it took a permit, `false` otherwise. Blocks the calling
   * thread; see {@link acquireAsync}.
   */
  acquire(options?: AcquireOptions): boolean {
    if (stepping) steps.point("acquire", this.#label);
    const deadline = acquireDeadline(options, false);
    if (deadline !== null) assertCanBlock("semaphore.acquire()", "await semaphore.acquireAsync()");
    return withLock(this.#cond, this.#acquireLoop(deadline));
  }

  /** The async twin of {@link acquire}. */
  acquireAsync(options?: Omit<AcquireOptions, "blocking">): Promise<boolean> {
    if (stepping) return asStepped(() => this.acquire(options));
    return withLockAsync(this.#cond, this.#acquireLoop(acquireDeadline(options, false)));
  }

  /**
   * Gives back `n` permits and wakes up to `n` waiting threads.
   * @throws RangeError if `n` is not a positive integer, or the value would pass 2**31 - 1 (nothing is released then).
   */
  release(n = 1): void {
    if (stepping) steps.point("release", this.#label);
    this.releaseChecked(n, () => {});
  }

  /** Takes a permit and returns a guard that gives it back: Python's `with sem:`. */
  hold(): Disposable {
    this.acquire();
    return { [Symbol.dispose]: () => this.release() };
  }

  /** The async twin of {@link hold}. */
  async holdAsync(): Promise<Disposable> {
    await this.acquireAsync();
    return { [Symbol.dispose]: () => this.release() };
  }

  /** The number of permits free right now (a snapshot: it may change at once). */
  get value(): number {
    return Atomics.load(this.#word, VALUE);
  }

  /** @internal `release`, after `check(value, initial)` passes, all under the lock. */
  protected releaseChecked(n: number, check: (value: number, initial: number) => void): void {
    checkCount(n, "n", 1);
    withLock(this.#cond, this.#releaseLoop(n, check));
  }

  /** @internal The descriptor kind, so a subclass revives as itself. */
  protected kind(): string {
    return "Semaphore";
  }

  // biome-ignore lint/correctness/useYield: a loop that never waits is still driven like one
  *#releaseLoop(n: number, check: (value: number, initial: number) => void): ConditionLoop<void> {
    const value = this.#word[VALUE]!;
    check(value, this.#word[INITIAL]!);
    if (n > MAX_VALUE - value) {
      throw new RangeError(
        `release(${n}) would raise the semaphore's value from ${value} past 2**31 - 1 (${MAX_VALUE}), ` +
          "the most permits it holds; nothing was released",
      );
    }
    Atomics.add(this.#word, VALUE, n);
    if (tracer.on) trace("release", { object: this.#label });
    this.#cond.notify(n);
  }

  *#acquireLoop(deadline: number | null): ConditionLoop<boolean> {
    let ok = true;
    // Why this order: re-check VALUE after every wake-up; another thread may
    // have taken the permit between the notify and our getting the lock back.
    while (this.#word[VALUE] === 0) {
      if (deadline === null || !ok) return false;
      ok = yield { condition: this.#cond, deadline };
    }
    Atomics.sub(this.#word, VALUE, 1);
    if (tracer.on) trace("acquire", { object: this.#label });
    return true;
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    const inner = this.#cond[SHARE]();
    return {
      kind: this.kind(),
      buffers: [this.#word.buffer as SharedArrayBuffer, ...inner.buffers],
    };
  }
}

/**
 * A semaphore that may not be released past its initial value: that is
 * almost always a bug. Python: `threading.BoundedSemaphore`.
 */
export class BoundedSemaphore extends Semaphore {
  /**
   * Gives back `n` permits.
   * @throws RangeError if that would exceed the initial value (nothing is released then).
   */
  override release(n = 1): void {
    this.releaseChecked(n, (value, initial) => {
      if (value + n > initial) throw new RangeError("Semaphore released too many times");
    });
  }

  protected override kind(): string {
    return "BoundedSemaphore";
  }
}

registerAdoptable("Semaphore", () => new Semaphore());
registerAdoptable("BoundedSemaphore", () => new BoundedSemaphore());
