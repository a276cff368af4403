import {
  Lock,
  main,
  print,
  sharedInt32,
  sleep,
  Thread,
} from "@unravel/core";

const THREADS = 4;
const ADDS = 1_000_000; // additions per thread

// `counter[0] += 1`, spelled out: read the value, write it back
// plus one. Two steps, and another thread can act in between.
function addOne(counter: Int32Array) {
  const value = Atomics.load(counter, 0); // read
  Atomics.store(counter, 0, value + 1); // write back
}

export function addUnsafe(startAt: number, counter: Int32Array) {
  waitUntil(startAt);
  for (let i = 0; i < ADDS; i++) addOne(counter);
}

export function addSafe(
  startAt: number,
  counter: Int32Array,
  lock: Lock,
) {
  waitUntil(startAt);
  for (let i = 0; i < ADDS; i++) {
    using _held = lock.hold(); // Python: `with lock:`
    addOne(counter);
  } // the lock is released here, each time round
}

main(import.meta, () => {
  const total = THREADS * ADDS;

  const a = sharedInt32(1);
  runAll(addUnsafe, a);
  print(`without a lock: ${a[0]} of ${total}`);
  print(`  lost updates: ${total - a[0]}`);

  const b = sharedInt32(1);
  runAll(addSafe, b, new Lock());
  print(`with a lock:    ${b[0]} of ${total}`);
});

// Runs THREADS threads of `target` and waits for them all. They
// take a while to start, so they all wait for one start time.
function runAll<A extends unknown[]>(
  target: (startAt: number, ...args: A) => void,
  ...args: A
) {
  const startAt = Date.now() + 200;
  const threads = [];
  for (let i = 0; i < THREADS; i++) {
    threads.push(new Thread({ target, args: [startAt, ...args] }));
  }
  for (const t of threads) t.start();
  for (const t of threads) t.join();
}

function waitUntil(time: number) {
  sleep(Math.max(0, time - Date.now()));
}
