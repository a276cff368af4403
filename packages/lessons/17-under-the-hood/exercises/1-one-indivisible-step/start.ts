import {
  main,
  print,
  sharedInt32,
  sleep,
  Thread,
} from "@unravel/core";

const THREADS = 2;
const ADDS = 2; // additions per thread
const FREE = 0;
const TAKEN = 1;

export function acquire(lock: Int32Array) {
  // Wait until the lock is FREE, then take it.
  while (Atomics.load(lock, 0) !== FREE) {
    Atomics.wait(lock, 0, TAKEN); // sleep while it is still TAKEN
  }
  Atomics.store(lock, 0, TAKEN);
}

export function release(lock: Int32Array): number {
  Atomics.store(lock, 0, FREE);
  return Atomics.notify(lock, 0, 1);
}

export function add(
  lock: Int32Array,
  counter: Int32Array,
  stats: Int32Array,
) {
  let notifies = 0;
  let woken = 0;
  for (let i = 0; i < ADDS; i++) {
    acquire(lock);
    const value = Atomics.load(counter, 0);
    sleep(1); // some work under the lock
    Atomics.store(counter, 0, value + 1);
    const n = release(lock);
    if (n >= 0) notifies += 1;
    if (n > 0) woken += n;
  }
  Atomics.add(stats, 0, notifies);
  Atomics.add(stats, 1, woken);
}

main(import.meta, () => {
  const [lock, counter, stats] = [1, 1, 2].map(sharedInt32);
  const threads = [];
  for (let i = 0; i < THREADS; i++)
    threads.push(
      new Thread({ target: add, args: [lock, counter, stats] }),
    );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(
    `2 states: ${counter[0]} of ${THREADS * ADDS}; ${stats[0]} notify calls, ${stats[1]} woke a thread`,
  );
});
