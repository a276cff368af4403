/**
 * `LifoQueue`: Python's `queue.LifoQueue` — a `Queue` whose hooks keep the
 * slots as a stack, so the last item put is the first one out.
 */
import { registerAdoptable } from "../thread/transfer.ts";
import { Queue } from "./queue.ts";
import type { Entry } from "./store.ts";

/** A last-in, first-out queue: a stack between threads. Python: `queue.LifoQueue`. */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override _put(entry: Entry): void {
    this._store.writeSlot(this._count, entry);
  }

  protected override _get(): Entry {
    return this._store.readSlot(this._count - 1);
  }

  protected override kind(): string {
    return "LifoQueue";
  }
}

registerAdoptable("LifoQueue", () => new LifoQueue());
