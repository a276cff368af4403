import {
  Barrier,
  Lock,
  main,
  print,
  sharedInt32,
  Thread,
} from "@unravel/core";

const THREADS = 4;
const ADDS = 1_000_000; // additions per thread

// `counter[0] += 1`, spelled out in its three steps. Another
// thread can act between any two of them.
function addOne(counter: Int32Array) {
  const value = Atomics.load(counter, 0); // 1. read
  const next = plusOne(value); // 2. add
  Atomics.store(counter, 0, next); // 3. write back
}

function plusOne(value: number) {
  return value + 1;
}

export function addUnsafe(counter: Int32Array, go: Barrier) {
  go.wait(); // start when every thread is ready
  for (let i = 0; i < ADDS; i++) addOne(counter);
}

export function addSafe(
  counter: Int32Array,
  go: Barrier,
  lock: Lock,
) {
  go.wait();
  for (let i = 0; i < ADDS; i++) {
    using _held = lock.hold(); // Python: `with lock:`
    addOne(counter);
  } // the lock is released here, each time round
}

main(import.meta, () => {
  const total = THREADS * ADDS;

  const a = sharedInt32(1);
  const goA = new Barrier(THREADS);
  const unsafe = [];
  for (let i = 0; i < THREADS; i++) {
    unsafe.push(new Thread({ target: addUnsafe, args: [a, goA] }));
  }
  for (const t of unsafe) t.start();
  for (const t of unsafe) t.join();
  print(`without a lock: ${a[0]} of ${total}`);
  print(`  lost updates: ${total - a[0]}`);

  const b = sharedInt32(1);
  const goB = new Barrier(THREADS);
  const lock = new Lock();
  const safe = [];
  for (let i = 0; i < THREADS; i++) {
    safe.push(
      new Thread({ target: addSafe, args: [b, goB, lock] }),
    );
  }
  for (const t of safe) t.start();
  for (const t of safe) t.join();
  print(`with a lock:    ${b[0]} of ${total}`);
});
