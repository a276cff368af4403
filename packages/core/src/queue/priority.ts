/**
 * `PriorityQueue`: Python's `queue.PriorityQueue` — a `Queue` whose hooks
 * keep the slots as a binary min-heap (as `heapq` does), so `get` returns the
 * smallest item. Items compare as Python's do: numbers, bigints and strings
 * by value, arrays element by element — so `[priority, data]` pairs work.
 */
import { registerAdoptable } from "../thread/transfer.ts";
import { Queue } from "./queue.ts";
import { type Entry, NUMBER } from "./store.ts";

/** Python's `<` for the values a priority queue may hold. */
export function compareItems(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = compareItems(a[i], b[i]);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  const comparable = (v: unknown) => typeof v === "number" || typeof v === "bigint";
  if ((comparable(a) && comparable(b)) || (typeof a === "string" && typeof b === "string")) {
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  throw new TypeError(
    `PriorityQueue cannot order ${typeof a === "object" ? "an object" : typeof a} and ${typeof b === "object" ? "an object" : typeof b}: ` +
      "put numbers, strings, or arrays such as [priority, data] whose first elements differ",
  );
}

/**
 * Returns the smallest item first. Python: `queue.PriorityQueue`.
 *
 * @example
 * ```ts
 * const q = new PriorityQueue<[number, string]>();
 * q.put([2, "write"]); q.put([1, "read"]);
 * q.get(); // [1, "read"]
 * ```
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  // Both hooks find where entries go before moving any, so an item that
  // cannot be compared (TypeError) leaves the heap as it was.

  protected override _put(entry: Entry): void {
    const store = this._store;
    const path: number[] = []; // heapq.heappush: sift up from the end
    for (let at = this._count; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (this.#compare(entry, store.readSlot(parent)) >= 0) break;
      path.push(parent);
      at = parent;
    }
    let at = this._count;
    for (const parent of path) {
      store.writeSlot(at, store.readSlot(parent));
      at = parent;
    }
    store.writeSlot(at, entry);
  }

  protected override _get(): Entry {
    const store = this._store;
    const top = store.readSlot(0);
    const size = this._count - 1;
    if (size === 0) return top;
    const last = store.readSlot(size); // heapq.heappop: the last entry sifts down from the root
    const path: number[] = [];
    for (let at = 0; ; ) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#compare(store.readSlot(child + 1), store.readSlot(child)) < 0)
        child++;
      if (this.#compare(store.readSlot(child), last) >= 0) break;
      path.push(child);
      at = child;
    }
    let at = 0;
    for (const child of path) {
      store.writeSlot(at, store.readSlot(child));
      at = child;
    }
    store.writeSlot(at, last);
    return top;
  }

  protected override kind(): string {
    return "PriorityQueue";
  }

  #compare(a: Entry, b: Entry): number {
    if (a.kind === NUMBER && b.kind === NUMBER) return a.number - b.number;
    return compareItems(this._store.peek(a), this._store.peek(b));
  }
}

registerAdoptable("PriorityQueue", () => new PriorityQueue());
