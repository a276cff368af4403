/**
 * Single-thread costs, where a harness fits: mitata runs each body in
 * batches and reports nanoseconds per call (the median of its samples).
 */
import { Lock, Queue } from "@unravel/core";
import { measure } from "mitata";
import type { FigureInput } from "../figures.ts";
import type { Settings } from "../settings.ts";

export async function singleThread(
  s: Settings,
): Promise<{ ours: FigureInput[]; floor: FigureInput[] }> {
  const opts = { min_cpu_time: s.microMs * 1e6 };
  const word = new Int32Array(new SharedArrayBuffer(8));

  // The floor: what any lock must do at least once each way.
  const cas = await measure(() => {
    Atomics.compareExchange(word, 0, 0, 1);
    Atomics.store(word, 0, 0);
  }, opts);

  // A bare 3-state futex mutex, inline: the uncontended path of the best lock we could write.
  const futex = await measure(() => {
    if (Atomics.compareExchange(word, 1, 0, 1) !== 0) throw new Error("held");
    if (Atomics.exchange(word, 1, 0) === 2) Atomics.notify(word, 1, 1);
  }, opts);

  // `using` itself: an empty disposable, then the bare futex mutex released by one.
  const empty = { [Symbol.dispose]() {} };
  const usingEmpty = await measure(() => {
    using _e = empty;
  }, opts);
  const unlock = {
    [Symbol.dispose]() {
      if (Atomics.exchange(word, 1, 0) === 2) Atomics.notify(word, 1, 1);
    },
  };
  const usingFutex = await measure(() => {
    if (Atomics.compareExchange(word, 1, 0, 1) !== 0) throw new Error("held");
    using _u = unlock;
  }, opts);

  const lock = new Lock();
  const ours = await measure(() => {
    lock.acquire();
    lock.release();
  }, opts);
  const held = await measure(() => {
    using _held = lock.hold();
  }, opts);

  // A queue's own cost per item, with no other thread to wake or wait for:
  // what limits its hand-offs before any wake-up does.
  const queue = new Queue<unknown>(1024);
  let id = 0;
  const queueNumber = await measure(() => {
    queue.put(id++);
    queue.get();
  }, opts);
  const queueObject = await measure(() => {
    queue.put({ id: id++, name: "item", done: false });
    queue.get();
  }, opts);

  return {
    ours: [
      {
        id: "queue.single.num",
        label: "Queue put + get of a number, one thread",
        unit: "ns",
        better: "lower",
        value: queueNumber.p50,
      },
      {
        id: "queue.single.obj",
        label: "Queue put + get of a small object, one thread",
        unit: "ns",
        better: "lower",
        value: queueObject.p50,
      },
      {
        id: "lock.uncontended",
        label: "Lock acquire + release, uncontended",
        unit: "ns",
        better: "lower",
        value: ours.p50,
      },
      {
        id: "lock.hold",
        label: "using lock.hold(), uncontended",
        unit: "ns",
        better: "lower",
        value: held.p50,
      },
    ],
    floor: [
      {
        id: "floor.cas-store",
        label: "floor: CAS + store on a shared Int32",
        unit: "ns",
        better: "lower",
        value: cas.p50,
      },
      {
        id: "floor.futex-mutex",
        label: "floor: bare futex mutex lock + unlock",
        unit: "ns",
        better: "lower",
        value: futex.p50,
      },
      {
        id: "floor.using-futex",
        label: "floor: bare futex mutex lock + `using` a bare unlock",
        unit: "ns",
        better: "lower",
        value: usingFutex.p50,
      },
      {
        id: "node.using-empty",
        label: "Node's `using` of an empty disposable",
        unit: "ns",
        better: "lower",
        value: usingEmpty.p50,
        source: "node",
      },
    ],
  };
}
