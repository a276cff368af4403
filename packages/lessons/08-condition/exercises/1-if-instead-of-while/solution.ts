import {
  Condition,
  currentThread,
  Lock,
  main,
  print,
  sharedInt32,
  Thread,
} from "@unravel/core";

// Cut down from the lesson: a buffer of one slot, four items, and two
// consumers that take two items each (so no "done" flag is needed).
const COUNT = 0; // how many items the buffer holds
const ITEM = 1; // the one slot
const ITEMS = 4;
const EACH = 2; // items per consumer

export function producer(
  buf: Int32Array,
  notFull: Condition,
  notEmpty: Condition,
) {
  for (let item = 1; item <= ITEMS; item++) {
    using _held = notFull.hold();
    while (buf[COUNT] === 1) notFull.wait();
    buf[ITEM] = item;
    buf[COUNT] += 1;
    print(`producer: put ${item}`);
    notEmpty.notify();
  }
}

export function consumer(
  buf: Int32Array,
  notFull: Condition,
  notEmpty: Condition,
) {
  const name = currentThread().name;
  for (let n = 0; n < EACH; n++) {
    using _held = notEmpty.hold();
    // An `if`: after the wait, nothing looks at the buffer again.
    if (buf[COUNT] === 0) notEmpty.wait();
    buf[COUNT] -= 1;
    print(`  ${name}: got ${buf[ITEM]}`);
    notFull.notify();
  }
}

type Args = [Int32Array, Condition, Condition];

main(import.meta, () => {
  const buf = sharedInt32(2);
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
