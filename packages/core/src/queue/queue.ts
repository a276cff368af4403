/**
 * `Queue`: Python's `queue.Queue`, as in `Lib/queue.py` — one `Lock` and
 * three `Condition`s over it (not empty, not full, all tasks done), around
 * the item store in shared memory (`store.ts`).
 *
 * Invariant: COUNT items are queued, in slots ordered by the `_put`/`_get`
 * hooks (a ring here; a stack in `LifoQueue`, a heap in `PriorityQueue`);
 * COUNT never exceeds MAXSIZE (when it is not 0). UNFINISHED counts `put`s
 * not yet matched by `taskDone()`. All of it changes only under the lock.
 * Items are encoded into their own heap block before the lock is taken and
 * decoded after it is released, so a bad item changes nothing and the lock
 * is held only to move 16-byte entries. A put or get that fails (Full,
 * Empty, a timeout, ShutDown, out of memory) leaves the queue as it was and
 * gives its block back.
 */

import { Empty, Full, ShutDown } from "../errors.ts";
import { stepping, steps } from "../step/state.ts";
import { Condition, type ConditionLoop, withLock, withLockAsync } from "../sync/condition.ts";
import { asStepped, assertCanBlock, deadlineAfter, describe } from "../sync/futex.ts";
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
import { adoptHeap } from "./heap.ts";
import { type Entry, Store } from "./store.ts";

const HEAD = 0; // the ring's first slot (Queue only)
const ID = 1;
const COUNT = 2;
const UNFINISHED = 3;
const SHUTDOWN = 4; // 1 once shutdown() was called
const MAXSIZE = 5;
const RING = 6; // the store's ring of entries (see store.ts)
const CAPACITY = 7;

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

/**
 * The deadline of a put or get, or `null` for "do not block". As in Python,
 * the timeout is ignored when not blocking, and a negative one is refused
 * (`-1` means "forever" only for `Lock.acquire`). `checkNegative: false`:
 * an unbounded queue's put, which never waits (Python ignores its timeout).
 */
function blockDeadline(options: PutOptions | undefined, checkNegative = true): number | null {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new TypeError("options must be an object such as { timeout: 100 }");
  }
  const { block = true, timeout } = options ?? {};
  if (typeof block !== "boolean") throw new TypeError("options.block must be a boolean");
  if (!block) return null;
  if (timeout === undefined) return Number.POSITIVE_INFINITY;
  if (typeof timeout !== "number" || Number.isNaN(timeout)) {
    throw new TypeError(
      `options.timeout must be a number of milliseconds, got ${describe(timeout)}`,
    );
  }
  if (timeout < 0) {
    if (checkNegative) throw new RangeError("'timeout' must be a non-negative number");
    return Number.POSITIVE_INFINITY;
  }
  return deadlineAfter(timeout);
}

/**
 * A first-in, first-out queue between threads. Python: `queue.Queue`.
 *
 * Items are any structured-clone data (numbers, strings, plain objects,
 * arrays, Maps, …); each `get` returns a copy. They live in shared memory, so
 * a thread blocked in `get` needs no event loop. As in Python, an unbounded
 * queue holds as many items, of any size, as memory allows (a `put` that
 * runs out throws `RangeError`, Python's `MemoryError`), and a bounded one
 * exactly `maxsize`. Its shared memory grows with use and is kept for reuse.
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
  constructor(maxsize = 0) {
    const buffers = adopted();
    if (buffers) {
      this.#header = new Int32Array(buffers[0]!);
      this._store = new Store(this.#storeWords(), adoptHeap(buffers[1]!));
      const lock = buffers[2]!;
      this.#mutex = reviveShared({ kind: "Lock", buffers: [lock] }) as Lock;
      const revive = (word: SharedArrayBuffer) =>
        reviveShared({ kind: "Condition", buffers: [word, lock] }) as Condition;
      this.#notEmpty = revive(buffers[3]!);
      this.#notFull = revive(buffers[4]!);
      this.#allTasksDone = revive(buffers[5]!);
    } else {
      if (!Number.isSafeInteger(maxsize) || maxsize < 0) {
        throw new RangeError(
          `maxsize must be a non-negative integer (0: unbounded), got ${maxsize}`,
        );
      }
      this.#header = newWord(32);
      this.#header[MAXSIZE] = maxsize;
      this._store = new Store(this.#storeWords()); // the ring is made by the first put
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
   *   RangeError if memory runs out, or for a negative timeout; ShutDown if the queue was shut down.
   */
  put(item: T, options?: PutOptions): void {
    if (stepping) steps.point("put", this.#label);
    const deadline = blockDeadline(options, this.maxsize > 0);
    if (deadline !== null) assertCanBlock("queue.put()", "await queue.putAsync()");
    this.#putEntry(this._store.encode(item), deadline);
  }

  /** The async twin of {@link put}. */
  async putAsync(item: T, options?: Omit<PutOptions, "block">): Promise<void> {
    if (stepping) return this.put(item, options); // step mode: the blocking twin (see asStepped)
    const deadline = blockDeadline(options, this.maxsize > 0);
    const entry = this._store.encode(item);
    const placed = { done: false };
    try {
      await withLockAsync(this.#notFull, this.#putLoop(entry, deadline, placed));
    } catch (error) {
      if (!placed.done) this._store.discard(entry);
      throw error;
    }
  }

  /**
   * @internal The pool's path: puts bytes it framed and encoded itself, in
   * one block, without the codec; waits as {@link put} does.
   */
  _putFrame(parts: Uint8Array[], options?: PutOptions): void {
    const deadline = blockDeadline(options, this.maxsize > 0);
    if (deadline !== null) assertCanBlock("queue.put()", "await queue.putAsync()");
    this.#putEntry(this._store.encodeBytes(parts), deadline);
  }

  /** @internal The pool's path: the bytes of the next item, which `_putFrame` put. */
  _getFrame(options?: GetOptions): Uint8Array {
    const raw = this._store.takeRaw(this.#getEntry(options));
    if (typeof raw === "number") throw new TypeError("a number where a framed item was expected");
    return raw;
  }

  /** Places an entry the store encoded; on failure gives its block back. */
  #putEntry(entry: Entry, deadline: number | null): void {
    const placed = { done: false };
    try {
      withLock(this.#notFull, this.#putLoop(entry, deadline, placed));
    } catch (error) {
      if (!placed.done) this._store.discard(entry);
      throw error;
    }
  }

  /** `put(item, { block: false })`: throws `Full` instead of waiting. Python: `put_nowait`. */
  putNowait(item: T): void {
    this.put(item, { block: false });
  }

  /**
   * Removes and returns the next item. If the queue is empty, waits for one
   * (`{ block: false }`: throws `Empty` at once; `{ timeout: ms }`: throws
   * `Empty` after that long). Blocks the calling thread; see {@link getAsync}.
   * @throws ShutDown if the queue was shut down and is empty (or shut down with `immediate`);
   *   RangeError for a negative timeout (Python: ValueError).
   */
  get(options?: GetOptions): T {
    if (stepping) steps.point("get", this.#label);
    return this._store.take(this.#getEntry(options)) as T;
  }

  /** The async twin of {@link get}. */
  async getAsync(options?: Omit<GetOptions, "block">): Promise<T> {
    if (stepping) return this.get(options);
    const entry = await withLockAsync(this.#notEmpty, this.#getLoop(blockDeadline(options)));
    return this._store.take(entry) as T;
  }

  /** Takes the next entry, not yet read out: `_store.takeRaw` or `take` it. */
  #getEntry(options?: GetOptions): Entry {
    const deadline = blockDeadline(options);
    if (deadline !== null) assertCanBlock("queue.get()", "await queue.getAsync()");
    return withLock(this.#notEmpty, this.#getLoop(deadline));
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
    if (stepping) return asStepped(() => this.join());
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

  /**
   * Places an entry; COUNT is the number queued before it, and the ring has
   * room for one more (slots 0 … capacity − 1). Python: `_put`. Overridden
   * by LifoQueue and PriorityQueue, which keep their entries from slot 0.
   */
  protected _put(entry: Entry): void {
    const capacity = this._store.capacity;
    this._store.writeSlot((this.#header[HEAD]! + this._count) % capacity, entry);
  }

  /** Takes the next entry; COUNT is the number queued before it. Python: `_get`. */
  protected _get(): Entry {
    const head = this.#header[HEAD]!;
    this.#header[HEAD] = (head + 1) % this._store.capacity;
    return this._store.readSlot(head);
  }

  /** @internal The descriptor kind, so a subclass revives as itself. */
  protected kind(): string {
    return "Queue";
  }

  #storeWords() {
    return { header: this.#header, ring: RING, capacity: CAPACITY };
  }

  #isFull(): boolean {
    const maxsize = this.#header[MAXSIZE]!;
    return maxsize > 0 && this._count >= maxsize;
  }

  *#putLoop(entry: Entry, deadline: number | null, placed: { done: boolean }): ConditionLoop<void> {
    const header = this.#header;
    if (header[SHUTDOWN]) throw new ShutDown("put() on a queue that was shut down");
    let ok = true;
    // Why this order: room is re-checked after every wake-up (another putter
    // may have filled it), and shutdown is checked after every wait, so a
    // putter waiting on a full queue learns of shutdown(). A wait that timed
    // out still gets one more look: if room appeared, the put succeeds.
    while (this.#isFull()) {
      if (deadline === null) throw new Full("the queue is full");
      if (!ok) throw new Full(`the queue is still full after the timeout`);
      ok = yield { condition: this.#notFull, deadline };
      if (header[SHUTDOWN]) throw new ShutDown("put() on a queue that was shut down");
    }
    // Room for one more entry in the ring (may throw RangeError: out of memory, nothing changed).
    if (this._count >= this._store.capacity) {
      header[HEAD] = this._store.makeRoom(header[HEAD]!, this._count, header[MAXSIZE]! || Infinity);
    }
    this._put(entry); // PriorityQueue's may throw TypeError (cannot compare) before moving any entry
    placed.done = true;
    Atomics.store(header, COUNT, this._count + 1);
    header[UNFINISHED]!++;
    if (tracer.on) trace("signal", { object: this.#label, op: "put" });
    this.#notEmpty.notify();
  }

  *#getLoop(deadline: number | null): ConditionLoop<Entry> {
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
    const entry = this._get();
    Atomics.store(header, COUNT, this._count - 1);
    if (tracer.on) trace("signal", { object: this.#label, op: "get" });
    this.#notFull.notify();
    return entry; // read out (and its block freed) by the caller, after the lock is released
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
        this._store.discard(this._get());
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
        this._store.heap.buffer,
        this.#mutex[SHARE]().buffers[0]!,
        condWord(this.#notEmpty),
        condWord(this.#notFull),
        condWord(this.#allTasksDone),
      ],
    };
  }
}

registerAdoptable("Queue", () => new Queue());
