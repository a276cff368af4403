// LifoQueue and PriorityQueue keep their order across threads: a thread
// puts, main gets after join.
import { LifoQueue, main, PriorityQueue, print, Thread } from "../../src/index.ts";

export function fill(lifo: LifoQueue<number>, heap: PriorityQueue<[number, string]>): void {
  for (const n of [1, 2, 3, 4]) lifo.put(n);
  for (const pair of [
    [3, "c"],
    [1, "a"],
    [4, "d"],
    [2, "b"],
    [1, "a2"],
  ] as [number, string][])
    heap.put(pair);
}

main(import.meta, () => {
  const lifo = new LifoQueue<number>();
  const heap = new PriorityQueue<[number, string]>();
  const t = new Thread({ target: fill, args: [lifo, heap] });
  t.start();
  t.join();
  const fromLifo = Array.from({ length: 4 }, () => lifo.get());
  const fromHeap = Array.from({ length: 5 }, () => heap.get()[1]);
  print(`lifo ${fromLifo.join(",")}`);
  print(`priority ${fromHeap.join(",")}`);
});
