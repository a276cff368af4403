/**
 * `RLock`: Python's `threading.RLock`, a `Lock` plus an owner and a count.
 *
 * Invariant: OWNER is the ident of the thread holding the inner lock (0 when
 * free) and COUNT how many times it acquired it. Only the owner reads or
 * writes COUNT, and only the owner sets OWNER back to 0, so the inner lock is
 * the only word threads race on.
 */
import { RuntimeError } from "../errors.ts";
import { current } from "../thread/context.ts";
import {
  adopted,
  newWord,
  registerAdoptable,
  reviveShared,
  SHARE,
  type SharedDescriptor,
} from "../thread/transfer.ts";
import { type AcquireOptions, acquireDeadline, Lock } from "./lock.ts";

const OWNER = 0;
const COUNT = 2;

/**
 * A re-entrant lock: the thread that holds it may acquire it again, and must
 * release it as many times. Python: `threading.RLock`.
 */
export class RLock {
  readonly #lock: Lock;
  readonly #state: Int32Array;

  constructor() {
    const buffers = adopted();
    this.#state = buffers ? new Int32Array(buffers[0]) : newWord(12);
    this.#lock = buffers ? (reviveLock(buffers[1]) as Lock) : new Lock();
    this.#lock.describeAs("RLock", this.#state[1]!);
  }

  /**
   * Acquires the lock, or adds one to the count if this thread holds it.
   * Blocking, non-blocking and timeout modes as {@link Lock.acquire}; returns
   * whether it was acquired. Blocks the calling thread; see {@link acquireAsync}.
   */
  acquire(options?: AcquireOptions): boolean {
    acquireDeadline(options); // check the options even when re-entering
    if (this.#reenter()) return true;
    return this.#own(this.#lock.acquire(options));
  }

  /** The async twin of {@link acquire}. */
  async acquireAsync(options?: Omit<AcquireOptions, "blocking">): Promise<boolean> {
    acquireDeadline(options);
    if (this.#reenter()) return true;
    return this.#own(await this.#lock.acquireAsync(options));
  }

  /**
   * Subtracts one from the count, and releases the lock when it reaches zero.
   * @throws RuntimeError if this thread does not hold the lock.
   */
  release(): void {
    if (Atomics.load(this.#state, OWNER) !== current().ident) {
      throw new RuntimeError("cannot release un-acquired lock");
    }
    if (--this.#state[COUNT] > 0) return;
    Atomics.store(this.#state, OWNER, 0);
    this.#lock.release();
  }

  /** Whether some thread holds the lock (a snapshot). */
  locked(): boolean {
    return this.#lock.locked();
  }

  /** Whether the calling thread holds the lock. Python's private `_is_owned`; used by `Condition`. */
  isOwned(): boolean {
    return Atomics.load(this.#state, OWNER) === current().ident;
  }

  /** `using _held = rlock.hold()`: Python's `with rlock:`. */
  hold(): Disposable {
    if (this.#reenter()) return this.#guard;
    this.#lock.acquireForHold();
    this.#own(true);
    return this.#guard;
  }

  // One guard per lock: each dispose releases one level.
  readonly #guard: Disposable = { [Symbol.dispose]: () => this.release() };

  /** The async twin of {@link hold}. */
  async holdAsync(): Promise<Disposable> {
    if (this.#reenter()) return this.#guard;
    await this.#lock.acquireForHoldAsync();
    this.#own(true);
    return this.#guard;
  }

  /** @internal Releases every level at once and returns the count (for `Condition.wait`). */
  releaseAll(): number {
    const count = this.#state[COUNT];
    this.#state[COUNT] = 1;
    this.release();
    return count;
  }

  /** @internal Re-acquires `count` levels (after `Condition.wait`). */
  restore(count: number): void {
    this.acquire();
    this.#state[COUNT] = count;
  }

  #reenter(): boolean {
    if (Atomics.load(this.#state, OWNER) !== current().ident) return false;
    this.#state[COUNT]++;
    return true;
  }

  #own(acquired: boolean): boolean {
    if (acquired) {
      Atomics.store(this.#state, OWNER, current().ident);
      this.#state[COUNT] = 1;
    }
    return acquired;
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    const inner = this.#lock[SHARE]();
    return { kind: "RLock", buffers: [this.#state.buffer as SharedArrayBuffer, ...inner.buffers] };
  }
}

function reviveLock(buffer: SharedArrayBuffer | undefined): unknown {
  if (!buffer) throw new TypeError("RLock descriptor is missing its lock");
  return reviveShared({ kind: "Lock", buffers: [buffer] });
}

registerAdoptable("RLock", () => new RLock());
