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

// The shared buffer, in shared memory: a ring of SIZE slots, and
// named cells for what Python keeps in a deque and a flag.
const COUNT = 0; // how many items the buffer holds
const HEAD = 1; // the slot of the oldest item
const DONE = 2; // 1 once the producer has finished
const SLOTS = 3; // the ring of slots starts here
const SIZE = 3; // room for 3 items
const ITEMS = 10;

export function producer(
  buf: Int32Array,
  notFull: Condition,
  notEmpty: Condition,
) {
  for (let item = 1; item <= ITEMS; item++) {
    using _held = notFull.hold(); // the lock both conditions share
    while (buf[COUNT] === SIZE) {
      print("producer: buffer full, waiting");
      notFull.wait(); // releases the lock while it waits
    }
    const tail = (buf[HEAD] + buf[COUNT]) % SIZE;
    buf[SLOTS + tail] = item;
    buf[COUNT] += 1;
    print(`producer: put ${item}`);
    notEmpty.notify(); // wake one waiting consumer
  }
  using _last = notEmpty.hold(); // once more, to say "done"
  buf[DONE] = 1;
  notEmpty.notifyAll(); // wake every consumer: no more items
}

export function consumer(
  buf: Int32Array,
  notFull: Condition,
  notEmpty: Condition,
) {
  const name = currentThread().name;
  for (;;) {
    {
      using _held = notEmpty.hold();
      // A loop, not an `if`: when we wake up, another consumer
      // may have taken the item already.
      while (buf[COUNT] === 0 && !buf[DONE]) notEmpty.wait();
      if (buf[COUNT] === 0) break; // done, and nothing left
      const item = buf[SLOTS + buf[HEAD]];
      buf[HEAD] = (buf[HEAD] + 1) % SIZE;
      buf[COUNT] -= 1;
      print(`  ${name}: got ${item}`);
      notFull.notify(); // wake the producer if it waits for room
    } // the lock is released here
    sleep(100); // handle the item, without holding the lock
  }
  print(`  ${name}: stopping`);
}

type Args = [Int32Array, Condition, Condition];

main(import.meta, () => {
  const buf = sharedInt32(SLOTS + SIZE);
  const lock = new Lock();
  const notFull = new Condition(lock); // "there is room"
  const notEmpty = new Condition(lock); // "there is an item"
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
