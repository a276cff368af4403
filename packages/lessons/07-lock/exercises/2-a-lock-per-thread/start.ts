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

// One lock for everyone... or is it?
const lock = new Lock();

function addOne(counter: Int32Array) {
  const value = Atomics.load(counter, 0); // 1. read
  Atomics.store(counter, 0, value + 1); // 2. write back
}

export function add(counter: Int32Array, go: Barrier) {
  go.wait();
  for (let i = 0; i < ADDS; i++) {
    using _held = lock.hold();
    addOne(counter);
  }
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const go = new Barrier(THREADS);
  const threads = [];
  for (let i = 0; i < THREADS; i++) {
    threads.push(new Thread({ target: add, args: [counter, go] }));
  }
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`count: ${counter[0]} of ${THREADS * ADDS}`);
});
