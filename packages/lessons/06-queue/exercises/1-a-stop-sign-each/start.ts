import {
  currentThread,
  main,
  print,
  Queue,
  Thread,
} from "@unravel/core";

// Cut down from the lesson: four items, two consumers.
const ITEMS = 4;
const DONE = null; // the stop sign: "no more items"

export function producer(queue: Queue<number | null>) {
  for (let item = 1; item <= ITEMS; item++) queue.put(item);
  queue.put(DONE); // no more items
  print("producer: done");
}

export function consumer(queue: Queue<number | null>) {
  const name = currentThread().name;
  for (;;) {
    const item = queue.get(); // waits while the queue is empty
    if (item === DONE) break;
    print(`  ${name}: got ${item}`);
  }
  print(`  ${name}: stopping`);
}

main(import.meta, () => {
  const queue = new Queue<number | null>(2);
  const threads = [
    new Thread({ target: producer, args: [queue] }),
    new Thread({ target: consumer, args: [queue], name: "c1" }),
    new Thread({ target: consumer, args: [queue], name: "c2" }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print("main: every item was consumed");
});
