// Queue.shutdown() as in Python 3.13: blocked getters wake with ShutDown once
// the queue is empty; items already queued are still delivered; put throws;
// shutdown({ immediate: true }) drops the items and releases join().
import { main, print, Queue, ShutDown, sharedInt32, Thread } from "../../src/index.ts";

export function drain(queue: Queue<string>, got: Int32Array): void {
  for (;;) {
    try {
      queue.get();
      Atomics.add(got, 0, 1);
    } catch (error) {
      if (error instanceof ShutDown) Atomics.add(got, 1, 1);
      return;
    }
  }
}

export function joiner(queue: Queue<number>, joined: Int32Array): void {
  queue.join();
  Atomics.store(joined, 0, 1);
}

function waitUntil(check: () => boolean): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 10_000 && !check(); i++) Atomics.wait(nap, 0, 0, 1);
}

main(import.meta, () => {
  const queue = new Queue<string>();
  const got = sharedInt32(2); // [items, ShutDown seen]
  const getters = [0, 1, 2].map(() => new Thread({ target: drain, args: [queue, got] }));
  for (const t of getters) t.start();
  for (const item of ["a", "b", "c", "d"]) queue.put(item);
  waitUntil(() => got[0] === 4);
  queue.shutdown();
  for (const t of getters) t.join();
  print(`delivered ${got[0]} then ShutDown in ${got[1]} getters`);
  let refused = "";
  try {
    queue.put("e");
  } catch (error) {
    refused = (error as Error).name;
  }
  print(`put after shutdown ${refused}`);

  const work = new Queue<number>();
  for (let i = 0; i < 5; i++) work.put(i);
  const joined = sharedInt32(1);
  const waiting = new Thread({ target: joiner, args: [work, joined] });
  waiting.start();
  work.shutdown({ immediate: true });
  waiting.join();
  print(`immediate shutdown released join ${joined[0] === 1} left ${work.qsize()}`);
});
