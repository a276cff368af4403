/**
 * `SimpleQueue`: Python's `queue.SimpleQueue` — an unbounded FIFO queue with
 * no task tracking (`taskDone`, `join`) and no `shutdown`. Here it is a thin
 * view of an unbounded `Queue`.
 */
import {
  adopted,
  registerAdoptable,
  reviveShared,
  SHARE,
  type SharedDescriptor,
} from "../thread/transfer.ts";
import { type GetOptions, Queue } from "./queue.ts";

/** An unbounded first-in, first-out queue without task tracking. Python: `queue.SimpleQueue`. */
export class SimpleQueue<T = unknown> {
  readonly #queue: Queue<T>;

  constructor() {
    const buffers = adopted();
    this.#queue = buffers ? (reviveShared({ kind: "Queue", buffers }) as Queue<T>) : new Queue<T>();
  }

  /**
   * Puts `item` in the queue. Never waits: the queue is unbounded.
   * @throws TypeError if the item cannot be copied into shared memory; RangeError if memory runs out.
   */
  put(item: T): void {
    this.#queue.put(item);
  }

  /** The async twin of {@link put}. */
  putAsync(item: T): Promise<void> {
    return this.#queue.putAsync(item);
  }

  /** Python: `put_nowait`; the same as {@link put}. */
  putNowait(item: T): void {
    this.#queue.putNowait(item);
  }

  /** Removes and returns the next item; as {@link Queue.get}. */
  get(options?: GetOptions): T {
    return this.#queue.get(options);
  }

  /** The async twin of {@link get}. */
  getAsync(options?: Omit<GetOptions, "block">): Promise<T> {
    return this.#queue.getAsync(options);
  }

  /** Python: `get_nowait`; throws `Empty` instead of waiting. */
  getNowait(): T {
    return this.#queue.getNowait();
  }

  /** Whether the queue is empty (approximate). */
  empty(): boolean {
    return this.#queue.empty();
  }

  /** How many items are queued (approximate). */
  qsize(): number {
    return this.#queue.qsize();
  }

  /** @internal */
  [SHARE](): SharedDescriptor {
    return { ...this.#queue[SHARE](), kind: "SimpleQueue" };
  }
}

registerAdoptable("SimpleQueue", () => new SimpleQueue());
