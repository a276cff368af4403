/**
 * `Lock`: Python's `threading.Lock`, over one shared word.
 *
 * Invariant: STATE is UNLOCKED (0), or, while held, the holder's ident << 3
 * with the bit LOCKED, the bit CONTENDED when someone may be sleeping on the
 * word, and the bit VIA_HOLD when the holder took it with `hold()`. So the
 * holder is known (for the deadlock report and abandoned locks) at no cost:
 * an uncontended acquire is one compare-and-swap (UNLOCKED → mine) and a
 * release one exchange, neither calls `Atomics.notify`; only a release that
 * finds CONTENDED wakes a sleeper (Drepper, "Futexes Are Tricky", mutex 2).
 * A lock is not owned: any thread may release it, as in Python.
 */
import { abandonedBy, abandonedError, reportHandOver } from "../diagnose/owner.ts";
import type { Waiting } from "../diagnose/waits.ts";
import { RuntimeError } from "../errors.ts";
import { current } from "../thread/context.ts";
import {
  adopted,
  newWord,
  registerAdoptable,
  SHARE,
  type SharedDescriptor,
} from "../thread/transfer.ts";
import { trace, tracer } from "../trace/trace.ts";
import {
  assertCanBlock,
  checkLockTimeout,
  checkTimeout,
  deadlineAfter,
  runAsync,
  runBlocking,
  type WaitLoop,
} from "./futex.ts";

const STATE = 0;
const ID = 1;
const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;
const VIA_HOLD = 4;
const HOLDER_SHIFT = 3;

/** The holder's ident in a held STATE (0 when unknown). */
export const holderOf = (state: number): number => state >>> HOLDER_SHIFT;

export interface AcquireOptions {
  /** `false`: return at once instead of waiting. @default true */
  blocking?: boolean;
  /** Give up after this many milliseconds (a lock also takes -1: forever). @default undefined (wait forever) */
  timeout?: number;
}

/**
 * Checks acquire options; returns the deadline, or `null` for a non-blocking
 * attempt. A lock takes `timeout: -1` for "forever", as Python's does; a
 * semaphore (`minusOneIsForever` false) refuses it like any negative timeout.
 */
export function acquireDeadline(
  options: AcquireOptions | undefined,
  minusOneIsForever = true,
): number | null {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new TypeError("options must be an object such as { timeout: 100 }");
  }
  const { blocking = true, timeout } = options ?? {};
  if (typeof blocking !== "boolean") throw new TypeError("options.blocking must be a boolean");
  if (!blocking) {
    if (timeout !== undefined && !(minusOneIsForever && timeout === -1)) {
      throw new TypeError("options.timeout cannot be given with blocking: false");
    }
    return null;
  }
  const check = minusOneIsForever ? checkLockTimeout : checkTimeout;
  return deadlineAfter(check(timeout, "options.timeout"));
}

/**
 * A mutual-exclusion lock. Python: `threading.Lock`.
 *
 * @example
 * ```ts
 * const lock = new Lock();
 * {
 *   using _held = lock.hold(); // Python: `with lock:`
 *   counter[0] += 1;
 * } // released here, even if the block throws
 * ```
 */
export class Lock {
  readonly #word: Int32Array;
  #label: string | null; // null: a lock inside another primitive, which traces itself

  constructor() {
    const buffers = adopted();
    this.#word = buffers ? new Int32Array(buffers[0]) : newWord(8);
    this.#label = this.#word[ID]! > 0 ? `Lock ${this.#word[ID]}` : null;
  }

  /**
   * @internal Marks this lock as part of another primitive (a Queue, a
   * Semaphore…): it records no trace events, in any thread, so a timeline
   * shows "Queue 1 get", not the lock inside it. The mark lives in shared
   * memory (a negative id), so revived copies are quiet too.
   */
  quiet(): this {
    this.#word[ID] = -Math.abs(this.#word[ID]!);
    this.#label = null;
    return this;
  }

  /**
   * Acquires the lock. Blocks until it is free (`{ blocking: false }`: never
   * blocks; `{ timeout: ms }`: blocks at most that long). Returns `true` when
   * the lock was acquired, `false` otherwise.
   *
   * Blocks the calling thread; on a browser page's own thread use {@link acquireAsync}.
   * A thread that acquires a `Lock` it already holds deadlocks (use `RLock`).
   */
  acquire(options?: AcquireOptions): boolean {
    if (options === undefined && this.#tryAcquire(LOCKED)) return true; // the fast path: nothing to check
    const deadline = acquireDeadline(options);
    if (this.#tryAcquire(LOCKED)) return true;
    if (deadline === null) return false;
    assertCanBlock("lock.acquire()", "await lock.acquireAsync()");
    return runBlocking(this.#acquireLoop(deadline, LOCKED));
  }

  /** The async twin of {@link acquire}: waits without blocking the event loop. */
  async acquireAsync(options?: Omit<AcquireOptions, "blocking">): Promise<boolean> {
    const deadline = acquireDeadline(options);
    if (this.#tryAcquire(LOCKED)) return true;
    return runAsync(this.#acquireLoop(deadline ?? 0, LOCKED));
  }

  /**
   * Releases the lock. Any thread may release it.
   * @throws RuntimeError if the lock is not locked.
   */
  release(): void {
    // One exchange: exchanging UNLOCKED into an unlocked lock changes nothing,
    // so misuse is detected after the fact with the state still consistent.
    const state = Atomics.exchange(this.#word, STATE, UNLOCKED);
    if (state === UNLOCKED) throw new RuntimeError("release unlocked lock");
    if (tracer.on && this.#label) trace("release", { object: this.#label });
    if (state & CONTENDED) Atomics.notify(this.#word, STATE, 1);
  }

  /**
   * @internal What step mode calls this lock (`null`: a quiet lock inside
   * another primitive, whose operation is the step). Step mode wraps
   * `acquire` and `release` (see `step/engine.ts`), so that they cost
   * nothing more when it is off.
   */
  get stepLabel(): string | null {
    return this.#label;
  }

  /** Whether the lock is held by some thread (a snapshot: it may change at once). */
  locked(): boolean {
    return Atomics.load(this.#word, STATE) !== UNLOCKED;
  }

  /** Acquires the lock and returns a guard that releases it: `using _held = lock.hold()`. */
  hold(): Disposable {
    this.acquireForHold();
    return this.#guard;
  }

  // One guard per lock, not one per hold(): disposing it releases once, each time.
  readonly #guard: Disposable = { [Symbol.dispose]: () => this.release() };

  /** The async twin of {@link hold}: `using _held = await lock.holdAsync()`. */
  async holdAsync(): Promise<Disposable> {
    await this.acquireForHoldAsync();
    return this.#guard;
  }

  /** @internal Acquires (blocking, forever), marked as taken by `hold()`: the deadlock report says so. */
  acquireForHold(): void {
    if (this.#tryAcquire(LOCKED | VIA_HOLD)) return;
    assertCanBlock("lock.hold()", "await lock.holdAsync()");
    runBlocking(this.#acquireLoop(Number.POSITIVE_INFINITY, LOCKED | VIA_HOLD));
  }

  /** @internal The async twin of {@link acquireForHold}. */
  async acquireForHoldAsync(): Promise<void> {
    if (this.#tryAcquire(LOCKED | VIA_HOLD)) return;
    await runAsync(this.#acquireLoop(Number.POSITIVE_INFINITY, LOCKED | VIA_HOLD));
  }

  /** @internal Names the lock in the deadlock report after the primitive built on it (an RLock). */
  describeAs(kind: string, id: number): void {
    this.#kind = kind;
    this.#id = id;
  }

  #kind = "Lock";
  #id = 0;
  #on: Waiting | undefined;

  /** What a waiter waits on, for the wait table; its tick finds a holder that ended. */
  get #waiting(): Waiting {
    this.#on ??= {
      kind: this.#label === null && this.#kind === "Lock" ? "internal lock" : this.#kind,
      id: this.#id || Math.abs(this.#word[ID]!),
      op: "acquire",
      holder: () => {
        const state = Atomics.load(this.#word, STATE);
        return state & VIA_HOLD ? -holderOf(state) : holderOf(state);
      },
      tick: () => this.#abandoned(),
    };
    return this.#on;
  }

  /**
   * A holder that ended: an internal lock is released on its behalf (returns
   * `true`: try again); a lock of the program throws LockAbandonedError.
   */
  #abandoned(): boolean {
    const state = Atomics.load(this.#word, STATE);
    const dead = abandonedBy(holderOf(state));
    // One read gives the holder and the state: if the word still holds it, the ended thread holds the lock.
    if (dead === 0 || Atomics.load(this.#word, STATE) !== state) return false;
    if (this.#waiting.kind !== "internal lock") {
      throw abandonedError(
        dead,
        `${this.#waiting.kind}#${this.#waiting.id}`,
        (state & VIA_HOLD) !== 0,
      );
    }
    if (Atomics.compareExchange(this.#word, STATE, state, UNLOCKED) !== state) return true;
    reportHandOver(dead);
    if (state & CONTENDED) Atomics.notify(this.#word, STATE, 1);
    return true;
  }

  #tryAcquire(flags: number): boolean {
    const mine = (current().ident << HOLDER_SHIFT) | flags;
    if (Atomics.compareExchange(this.#word, STATE, UNLOCKED, mine) !== UNLOCKED) return false;
    if (tracer.on && this.#label) trace("acquire", { object: this.#label });
    return true;
  }

  *#acquireLoop(deadline: number, flags: number): WaitLoop<boolean> {
    const label = tracer.on ? this.#label : null;
    if (label) trace("block", { object: label, op: "acquire" });
    // Taken after a wait, the lock is marked CONTENDED: others may sleep on it.
    const mine = (current().ident << HOLDER_SHIFT) | flags | CONTENDED;
    let acquired = false;
    for (;;) {
      let state = Atomics.load(this.#word, STATE);
      if (state === UNLOCKED) {
        state = Atomics.compareExchange(this.#word, STATE, UNLOCKED, mine);
        if (state === UNLOCKED) {
          acquired = true;
          break;
        }
      }
      // Mark the word CONTENDED before sleeping, so that the holder's release
      // knows to wake us; if the word changed meanwhile, look again.
      if (!(state & CONTENDED)) {
        if (Atomics.compareExchange(this.#word, STATE, state, state | CONTENDED) !== state)
          continue;
        state |= CONTENDED;
      }
      const woken = yield {
        word: this.#word,
        index: STATE,
        expected: state,
        deadline,
        on: this.#waiting,
      };
      if (!woken) {
        // Why one more try: a timed-out wait that stopped before it (or
        // ignored what it found) could miss a release that came just then.
        acquired = Atomics.compareExchange(this.#word, STATE, UNLOCKED, mine) === UNLOCKED;
        break;
      }
    }
    // We may hold a CONTENDED lock with nobody else waiting: the cost is one
    // needless notify at release, never a lost wake-up. A timeout that leaves
    // the word CONTENDED costs the same, once.
    if (label) {
      trace("unblock", { object: label, op: "acquire", ok: acquired });
      if (acquired) trace("acquire", { object: label });
    }
    return acquired;
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    return { kind: "Lock", buffers: [this.#word.buffer as SharedArrayBuffer] };
  }
}

registerAdoptable("Lock", () => new Lock());
