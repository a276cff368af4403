/**
 * `Queue`: Python's `queue.Queue`, as in `Lib/queue.py` — one `Lock` and
 * three `Condition`s over it (not empty, not full, all tasks done), around
 * the item store in shared memory (`store.ts`).
 *
 * Invariant: COUNT items are queued, in slots ordered by the `_put`/`_get`
 * hooks (a ring here; a stack in `LifoQueue`, a heap in `PriorityQueue`).
 * UNFINISHED counts `put`s not yet matched by `taskDone()`. All of it
 * changes only under the lock. Items are encoded before the lock is taken
 * and decoded after it is released, so a bad item changes nothing and the
 * lock is held only to copy bytes.
 */
import { Empty, Full, ShutDown } from "../errors.ts";
import { Condition, type ConditionLoop, withLock, withLockAsync } from "../sync/condition.ts";
import { assertCanBlock, checkTimeout, deadlineAfter } from "../sync/futex.ts";
import { Lock } from "../sync/lock.ts";
import {
  adopted,
  newWord,
  registerAdoptable,
  reviveShared,
  SHARE,
  type SharedDescriptor,
} from "../thread/transfer.ts";
import { trace, tracer } from "../trace/trace.ts";
import { DEFAULT_BUFFER_BYTES, type Encoded, type Entry, Store } from "./store.ts";

const HEAD = 0; // the ring's first slot (Queue only)
const ID = 1;
const COUNT = 2;
const UNFINISHED = 3;
const SHUTDOWN = 4; // 1 once shutdown() was called
const MAXSIZE = 5;
const BYTE_WAITERS = 6; // putters waiting for room in the arena, not for a slot

/** Slots of an unbounded queue: past this many queued items, `put` waits. */
const UNBOUNDED_SLOTS = 65_536;
/** Slots of any queue: a larger maxsize bounds nothing more (16 bytes each, touched only as used). */
const MAX_SLOTS = 1 << 20;

export interface QueueOptions {
  /** Bytes of shared memory for items other than numbers; an item larger than this is refused. @default 4 MiB */
  bufferBytes?: number;
}

export interface PutOptions {
  /** `false`: throw `Full` at once instead of waiting. @default true */
  block?: boolean;
  /** Wait at most this many ms, then throw `Full`. @default undefined (wait forever) */
  timeout?: number;
}

export interface GetOptions {
  /** `false`: throw `Empty` at once instead of waiting. @default true */
  block?: boolean;
  /** Wait at most this many ms, then throw `Empty`. @default undefined (wait forever) */
  timeout?: number;
}

function blockDeadline(options: PutOptions | undefined): number | null {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new TypeError("options must be an object such as { timeout: 100 }");
  }
  const { block = true, timeout } = options ?? {};
  if (typeof block !== "boolean") throw new TypeError("options.block must be a boolean");
  if (!block) return null; // as in Python, the timeout is ignored when not blocking
  return deadlineAfter(checkTimeout(timeout, "options.timeout"));
}

/**
 * A first-in, first-out queue between threads. Python: `queue.Queue`.
 *
 * Items are any structured-clone data (numbers, strings, plain objects,
 * arrays, Maps, …); each `get` returns a copy. They live in shared memory, so
 * a thread blocked in `get` needs no event loop. Differences from Python: a
 * queue has a buffer (`bufferBytes`), and an unbounded queue holds at most
 * 65,536 items (any queue at most 1,048,576); past either, `put` waits as if
 * the queue were full.
 *
 * @example
 * ```ts
 * const q = new Queue<number>(10);
 * // producer: q.put(42);
 * // consumer: const item = q.get(); …; q.taskDone();
 * ```
 */
export class Queue<T = unknown> {
  protected readonly _store: Store;
  readonly #header: Int32Array;
  readonly #mutex: Lock;
  readonly #notEmpty: Condition;
  readonly #notFull: Condition;
  readonly #allTasksDone: Condition;
  readonly #label: string;

  /**
   * @param maxsize the most items it holds; `put` waits while it is full. 0: unbounded. @default 0
   * @throws RangeError if `maxsize` is negative or not an integer (Python treats a negative one as 0).
   */
  constructor(maxsize = 0, options: QueueOptions = {}) {
    const buffers = adopted();
    if (buffers) {
      this.#header = new Int32Array(buffers[0]!);
      this._store = new Store(buffers.slice(1, 4));
      const lock = buffers[4]!;
      this.#mutex = reviveShared({ kind: "Lock", buffers: [lock] }) as Lock;
      const revive = (word: SharedArrayBuffer) =>
        reviveShared({ kind: "Condition", buffers: [word, lock] }) as Condition;
      this.#notEmpty = revive(buffers[5]!);
      this.#notFull = revive(buffers[6]!);
      this.#allTasksDone = revive(buffers[7]!);
    } else {
      if (!Number.isSafeInteger(maxsize) || maxsize < 0) {
        throw new RangeError(
          `maxsize must be a non-negative integer (0: unbounded), got ${maxsize}`,
        );
      }
      if (options === null || typeof options !== "object")
        throw new TypeError("options must be an object");
      const { bufferBytes = DEFAULT_BUFFER_BYTES } = options;
      if (!Number.isSafeInteger(bufferBytes) || bufferBytes < 64 || bufferBytes > 2 ** 30) {
        throw new RangeError(
          `options.bufferBytes must be an integer from 64 to 2**30, got ${bufferBytes}`,
        );
      }
      this.#header = newWord(32);
      this.#header[MAXSIZE] = maxsize;
      this._store = new Store(
        undefined,
        Math.min(maxsize || UNBOUNDED_SLOTS, MAX_SLOTS),
        bufferBytes,
      );
      this.#mutex = new Lock().quiet();
      this.#notEmpty = new Condition(this.#mutex);
      this.#notFull = new Condition(this.#mutex);
      this.#allTasksDone = new Condition(this.#mutex);
    }
    this.#label = `${this.kind()} ${this.#header[ID]}`;
    this.#notEmpty.relabel(this.#label, "get");
    this.#notFull.relabel(this.#label, "put");
    this.#allTasksDone.relabel(this.#label, "join");
  }

  /** The most items the queue holds (0: unbounded). */
  get maxsize(): number {
    return this.#header[MAXSIZE]!;
  }

  /**
   * Puts `item` in the queue. If the queue is full, waits for room (`{ block:
   * false }`: throws `Full` at once; `{ timeout: ms }`: throws `Full` after
   * that long). The item is copied: later changes to it are not seen.
   * Blocks the calling thread; see {@link putAsync}.
   * @throws TypeError if the item cannot be copied into shared memory (a function, a class instance…);
   *   RangeError if it is larger than the queue's buffer; ShutDown if the queue was shut down.
   */
  put(item: T, options?: PutOptions): void {
    const encoded = this._store.encode(item);
    const deadline = blockDeadline(options);
    if (deadline !== null) assertCanBlock("queue.put()", "await queue.putAsync()");
    withLock(this.#notFull, this.#putLoop(encoded, deadline));
  }

  /** The async twin of {@link put}. */
  async putAsync(item: T, options?: Omit<PutOptions, "block">): Promise<void> {
    const encoded = this._store.encode(item);
    await withLockAsync(this.#notFull, this.#putLoop(encoded, blockDeadline(options)));
  }

  /** `put(item, { block: false })`: throws `Full` instead of waiting. Python: `put_nowait`. */
  putNowait(item: T): void {
    this.put(item, { block: false });
  }

  /**
   * Removes and returns the next item. If the queue is empty, waits for one
   * (`{ block: false }`: throws `Empty` at once; `{ timeout: ms }`: throws
   * `Empty` after that long). Blocks the calling thread; see {@link getAsync}.
   * @throws ShutDown if the queue was shut down and is empty (or shut down with `immediate`).
   */
  get(options?: GetOptions): T {
    const deadline = blockDeadline(options);
    if (deadline !== null) assertCanBlock("queue.get()", "await queue.getAsync()");
    return this._store.decode(withLock(this.#notEmpty, this.#getLoop(deadline))) as T;
  }

  /** The async twin of {@link get}. */
  async getAsync(options?: Omit<GetOptions, "block">): Promise<T> {
    const raw = await withLockAsync(this.#notEmpty, this.#getLoop(blockDeadline(options)));
    return this._store.decode(raw) as T;
  }

  /** `get({ block: false })`: throws `Empty` instead of waiting. Python: `get_nowait`. */
  getNowait(): T {
    return this.get({ block: false });
  }

  /**
   * Marks one item taken by `get` as processed: `join` returns once every
   * item put has been marked. Python: `task_done`.
   * @throws RangeError if called more times than there were items put (the count is left unchanged).
   */
  taskDone(): void {
    withLock(this.#allTasksDone, this.#taskDoneLoop());
  }

  /**
   * Waits until every item put has been marked with `taskDone()`. Blocks the
   * calling thread; see {@link joinAsync}. Deadlocks if no thread calls `taskDone`.
   */
  join(): void {
    assertCanBlock("queue.join()", "await queue.joinAsync()");
    withLock(this.#allTasksDone, this.#joinLoop());
  }

  /** The async twin of {@link join}. */
  joinAsync(): Promise<void> {
    return withLockAsync(this.#allTasksDone, this.#joinLoop());
  }

  /**
   * Shuts the queue down (Python 3.13): later `put`s throw `ShutDown`, and
   * `get` throws `ShutDown` once the queue is empty; threads waiting in `put`
   * or `get` wake up to find out. With `immediate: true` the queue is also
   * emptied at once, its items counted as done, so `join` returns.
   */
  shutdown(options: { immediate?: boolean } = {}): void {
    const { immediate = false } = options ?? {};
    if (typeof immediate !== "boolean") throw new TypeError("options.immediate must be a boolean");
    withLock(this.#notEmpty, this.#shutdownLoop(immediate));
  }

  /** How many items are queued (approximate: it may change before you act on it). Python: `qsize`. */
  qsize(): number {
    return Atomics.load(this.#header, COUNT);
  }

  /** Whether the queue is empty (approximate, like {@link qsize}). */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** Whether the queue holds `maxsize` items (approximate, like {@link qsize}; always `false` when unbounded). */
  full(): boolean {
    const maxsize = this.maxsize;
    return maxsize > 0 && this.qsize() >= maxsize;
  }

  /** Whether `shutdown()` was called. */
  get isShutdown(): boolean {
    return Atomics.load(this.#header, SHUTDOWN) === 1;
  }

  /** How many items are queued, for the hooks (under the lock). */
  protected get _count(): number {
    return this.#header[COUNT]!;
  }

  /** Places an entry; COUNT is the number queued before it. Python: `_put`. Overridden by LifoQueue and PriorityQueue. */
  protected _put(entry: Entry): void {
    const slots = this._store.slots;
    this._store.writeSlot((this.#header[HEAD]! + this._count) % slots, entry);
  }

  /** Takes the next entry; COUNT is the number queued before it. Python: `_get`. */
  protected _get(): Entry {
    const head = this.#header[HEAD]!;
    this.#header[HEAD] = (head + 1) % this._store.slots;
    return this._store.readSlot(head);
  }

  /** @internal The descriptor kind, so a subclass revives as itself. */
  protected kind(): string {
    return "Queue";
  }

  #hasRoom(item: Encoded): boolean {
    const count = this._count;
    return count < this._store.slots && this._store.fits(item);
  }

  *#putLoop(item: Encoded, deadline: number | null): ConditionLoop<void> {
    const header = this.#header;
    if (header[SHUTDOWN]) throw new ShutDown("put() on a queue that was shut down");
    let ok = true;
    // Why this order: room is re-checked after every wake-up (another putter
    // may have filled it), and shutdown is checked after every wait, so a
    // putter waiting on a full queue learns of shutdown().
    while (!this.#hasRoom(item)) {
      if (deadline === null) throw new Full("the queue is full");
      if (!ok) throw new Full(`the queue is still full after the timeout`);
      const forBytes = this._count < this._store.slots; // a slot is free: we wait for arena space
      if (forBytes) header[BYTE_WAITERS]!++;
      ok = yield { condition: this.#notFull, deadline };
      if (forBytes) header[BYTE_WAITERS]!--;
      if (header[SHUTDOWN]) throw new ShutDown("put() on a queue that was shut down");
    }
    const entry = this._store.write(item);
    try {
      this._put(entry);
    } catch (error) {
      this._store.take(entry); // the hook refused it (PriorityQueue: cannot compare): free it
      throw error;
    }
    Atomics.store(header, COUNT, this._count + 1);
    header[UNFINISHED]!++;
    if (tracer.on) trace("signal", { object: this.#label, op: "put" });
    this.#notEmpty.notify();
  }

  *#getLoop(deadline: number | null): ConditionLoop<number | Uint8Array> {
    const header = this.#header;
    const shutDown = () => new ShutDown("get() on a queue that was shut down and is empty");
    if (header[SHUTDOWN] && this._count === 0) throw shutDown();
    let ok = true;
    // Why this order: emptiness is re-checked after every wake-up (another
    // getter may have taken the item), then shutdown, as in Python.
    while (this._count === 0) {
      if (deadline === null) throw new Empty("the queue is empty");
      if (!ok) throw new Empty("the queue is still empty after the timeout");
      ok = yield { condition: this.#notEmpty, deadline };
      if (header[SHUTDOWN] && this._count === 0) throw shutDown();
    }
    const raw = this._store.take(this._get());
    Atomics.store(header, COUNT, this._count - 1);
    if (tracer.on) trace("signal", { object: this.#label, op: "get" });
    // A putter waiting for arena space may need more than this item freed:
    // wake them all to re-check, rather than one that might not fit.
    if (header[BYTE_WAITERS]! > 0) this.#notFull.notifyAll();
    else this.#notFull.notify();
    return raw;
  }

  // biome-ignore lint/correctness/useYield: driven like every loop under the lock
  *#taskDoneLoop(): ConditionLoop<void> {
    const unfinished = this.#header[UNFINISHED]! - 1;
    if (unfinished < 0) throw new RangeError("taskDone() called too many times");
    if (unfinished === 0) this.#allTasksDone.notifyAll();
    this.#header[UNFINISHED] = unfinished;
  }

  *#joinLoop(): ConditionLoop<void> {
    while (this.#header[UNFINISHED]! > 0) {
      yield { condition: this.#allTasksDone, deadline: Number.POSITIVE_INFINITY };
    }
  }

  // biome-ignore lint/correctness/useYield: driven like every loop under the lock
  *#shutdownLoop(immediate: boolean): ConditionLoop<void> {
    const header = this.#header;
    Atomics.store(header, SHUTDOWN, 1);
    if (immediate) {
      while (this._count > 0) {
        this._store.take(this._get());
        Atomics.store(header, COUNT, this._count - 1);
        if (header[UNFINISHED]! > 0) header[UNFINISHED]!--;
      }
      this.#allTasksDone.notifyAll();
    }
    if (tracer.on) trace("signal", { object: this.#label, op: "shutdown" });
    this.#notEmpty.notifyAll();
    this.#notFull.notifyAll();
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    const condWord = (c: Condition) => c[SHARE]().buffers[0]!;
    return {
      kind: this.kind(),
      buffers: [
        this.#header.buffer as SharedArrayBuffer,
        ...this._store.buffers,
        this.#mutex[SHARE]().buffers[0]!,
        condWord(this.#notEmpty),
        condWord(this.#notFull),
        condWord(this.#allTasksDone),
      ],
    };
  }
}

registerAdoptable("Queue", () => new Queue());
