import {
  Barrier,
  Lock,
  main,
  print,
  sharedInt32,
  Thread,
} from "@unravel/core";

const THREADS = 2;
const ADDS = 3;

function addOne(counter: Int32Array) {
  const value = Atomics.load(counter, 0); // 1. read
  Atomics.store(counter, 0, value + 1); // 2. write back
}

export function add(counter: Int32Array, go: Barrier, lock: Lock) {
  go.wait();
  for (let i = 0; i < ADDS; i++) {
    using _held = lock.hold();
    addOne(counter);
  }
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const go = new Barrier(THREADS);
  // Made once, on the main thread, and passed to every thread: one lock.
  const lock = new Lock();
  const threads = [];
  for (let i = 0; i < THREADS; i++) {
    threads.push(
      new Thread({ target: add, args: [counter, go, lock] }),
    );
  }
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`count: ${counter[0]} of ${THREADS * ADDS}`);
});
