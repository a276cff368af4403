import {
  Condition,
  currentThread,
  Lock,
  main,
  print,
  sharedInt32,
  sleep,
  Thread,
} from "@unravel/core";

// Cut down from the lesson: room for 2 items, 6 items in all.
const COUNT = 0; // how many items the buffer holds
const HEAD = 1; // the slot of the oldest item
const DONE = 2; // 1 once the producer has finished
const SLOTS = 3; // the ring of slots starts here
const SIZE = 2;
const ITEMS = 6;

export function producer(
  buf: Int32Array,
  notFull: Condition,
  notEmpty: Condition,
) {
  for (let item = 1; item <= ITEMS; item++) {
    sleep(10); // making an item takes a while
    using _held = notFull.hold();
    while (buf[COUNT] === SIZE) notFull.wait();
    buf[SLOTS + ((buf[HEAD] + buf[COUNT]) % SIZE)] = item;
    buf[COUNT] += 1;
    print(`producer: put ${item}`);
    notEmpty.notify(); // one item: one consumer is enough
  }
  using _last = notEmpty.hold();
  buf[DONE] = 1;
  notEmpty.notifyAll(); // no more items: every consumer must hear it
}

export function consumer(
  buf: Int32Array,
  notFull: Condition,
  notEmpty: Condition,
) {
  const name = currentThread().name;
  for (;;) {
    using _held = notEmpty.hold();
    while (buf[COUNT] === 0 && !buf[DONE]) notEmpty.wait();
    if (buf[COUNT] === 0) break; // done, and nothing left
    const item = buf[SLOTS + buf[HEAD]];
    buf[HEAD] = (buf[HEAD] + 1) % SIZE;
    buf[COUNT] -= 1;
    print(`  ${name}: got ${item}`);
    notFull.notify();
  }
  print(`  ${name}: stopping`);
}

type Args = [Int32Array, Condition, Condition];

main(import.meta, () => {
  const buf = sharedInt32(SLOTS + SIZE);
  const lock = new Lock();
  const notFull = new Condition(lock);
  const notEmpty = new Condition(lock);
  const args: Args = [buf, notFull, notEmpty];
  const threads = [
    new Thread({ target: producer, args }),
    new Thread({ target: consumer, args, name: "c1" }),
    new Thread({ target: consumer, args, name: "c2" }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print("main: all items consumed");
});
