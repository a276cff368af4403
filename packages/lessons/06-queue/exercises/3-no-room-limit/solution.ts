import {
  currentThread,
  main,
  print,
  Queue,
  sleep,
  Thread,
} from "@unravel/core";

const ITEMS = 5;
const CONSUMERS = 2;
const DONE = null; // the stop sign: "no more items"

export function producer(queue: Queue<number | null>) {
  for (let item = 1; item <= ITEMS; item++) {
    queue.put(item); // waits while the queue is full
    print(`producer: put ${item}`);
  }
  for (let i = 0; i < CONSUMERS; i++) queue.put(DONE); // one each
  print("producer: done");
}

export function consumer(queue: Queue<number | null>) {
  const name = currentThread().name;
  for (;;) {
    const item = queue.get(); // waits while the queue is empty
    if (item === DONE) break;
    print(`  ${name}: got ${item}`);
    sleep(50); // consuming is slower than producing
  }
  print(`  ${name}: no more items, stopping`);
}

main(import.meta, () => {
  const queue = new Queue<number | null>(); // no limit
  const threads = [
    new Thread({ target: producer, args: [queue] }),
    new Thread({ target: consumer, args: [queue], name: "c1" }),
    new Thread({ target: consumer, args: [queue], name: "c2" }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print("main: every item was consumed");
});
