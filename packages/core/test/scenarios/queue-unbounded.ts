// An unbounded queue is unbounded, and a maxsize is honoured exactly: fill
// the work queue first (200,000 items, then 100,000 strings of 100
// characters), then start the workers, which take every item exactly once.
// A Queue(1,100,000) holds exactly that many. The same for LifoQueue,
// PriorityQueue and SimpleQueue; full() and qsize() tell the truth throughout.
import {
  Full,
  LifoQueue,
  main,
  PriorityQueue,
  print,
  Queue,
  SimpleQueue,
  sharedInt32,
  Thread,
} from "../../src/index.ts";

type AnyQueue = Queue<number | string> | SimpleQueue<number | string>;

const COUNT = 200_000;

export function drain(queue: AnyQueue, seen: Int32Array): void {
  for (;;) {
    const item = queue.get();
    if (item === -1) return;
    const id = typeof item === "number" ? item : Number.parseInt(item, 10);
    Atomics.add(seen, id, 1);
  }
}

function fillThenDrain(name: string, queue: AnyQueue, strings: boolean): void {
  let truthful = true;
  const lifo = queue instanceof LifoQueue;
  if (lifo) for (const _ of [0, 1]) queue.put(-1); // a stack: the stop markers come out last
  const markers = lifo ? 2 : 0;
  for (let i = 0; i < COUNT; i++) {
    queue.putNowait(strings ? `${i}`.padEnd(100, "s") : i);
    if (
      i % 9_973 === 0 &&
      (queue.qsize() !== markers + i + 1 || (queue instanceof Queue && queue.full()))
    )
      truthful = false;
  }
  const size = queue.qsize() - markers;
  const seen = sharedInt32(COUNT);
  const workers = [0, 1].map(() => new Thread({ target: drain, args: [queue, seen] }));
  for (const w of workers) w.start();
  if (!lifo) for (const _ of workers) queue.put(-1);
  for (const w of workers) w.join();
  const once = seen.filter((n) => n === 1).length;
  print(
    `${name} held ${size} truthful ${truthful} delivered exactly once ${once} left ${queue.qsize()}`,
  );
}

main(import.meta, () => {
  fillThenDrain("Queue", new Queue<number | string>(), false);
  fillThenDrain("Queue of strings", new Queue<number | string>(), true);
  fillThenDrain("LifoQueue", new LifoQueue<number | string>(), false);
  // -1 sorts first in a PriorityQueue: the stop markers go in after the items are taken.
  const pq = new PriorityQueue<number>();
  for (let i = 0; i < COUNT; i++) pq.putNowait(COUNT - 1 - i);
  let ordered = pq.qsize() === COUNT;
  for (let i = 0; i < COUNT; i++) if (pq.get() !== i) ordered = false;
  print(`PriorityQueue held and ordered ${COUNT} ${ordered}`);
  fillThenDrain("SimpleQueue", new SimpleQueue<number | string>(), false);

  const bounded = new Queue<number>(1_100_000);
  let held = 0;
  try {
    for (;;) {
      bounded.putNowait(held);
      held++;
    }
  } catch (error) {
    if (!(error instanceof Full)) throw error;
  }
  print(`Queue(1100000) held ${held} full ${bounded.full()} qsize ${bounded.qsize()}`);
});
