import {
  Barrier,
  Lock,
  main,
  print,
  sharedInt32,
  Thread,
} from "@unravel/core";

const THREADS = 4;
const ADDS = 50_000; // additions per thread
const FREE = 0;
const TAKEN = 1;
const SLEEPERS = 2; // taken, and a thread may be asleep on it

// A whole lock: one Int32 of shared memory, FREE or TAKEN.
export function acquire(lock: Int32Array) {
  // Take it only if it is FREE: one indivisible read-and-write.
  while (Atomics.compareExchange(lock, 0, FREE, TAKEN) !== FREE) {
    Atomics.wait(lock, 0, TAKEN); // sleep while it is still TAKEN
  }
}

export function release(lock: Int32Array): number {
  Atomics.store(lock, 0, FREE);
  return Atomics.notify(lock, 0, 1); // wake one sleeper, if any
}

// Drepper's three states: release wakes only if someone may sleep.
export function acquire3(lock: Int32Array) {
  let was = Atomics.compareExchange(lock, 0, FREE, TAKEN);
  if (was === FREE) return; // the fast path: nobody waits
  if (was !== SLEEPERS) was = Atomics.exchange(lock, 0, SLEEPERS);
  while (was !== FREE) {
    Atomics.wait(lock, 0, SLEEPERS);
    was = Atomics.exchange(lock, 0, SLEEPERS);
  }
}

export function release3(lock: Int32Array): number {
  if (Atomics.sub(lock, 0, 1) === TAKEN) return -1; // no sleepers
  Atomics.store(lock, 0, FREE);
  return Atomics.notify(lock, 0, 1);
}

export function add(
  lock: Int32Array,
  counter: Int32Array,
  stats: Int32Array,
  states: 2 | 3,
  go: Barrier,
) {
  const [take, give] =
    states === 2 ? [acquire, release] : [acquire3, release3];
  let notifies = 0;
  let woken = 0;
  go.wait(); // start when all are ready, to contend
  for (let i = 0; i < ADDS; i++) {
    take(lock);
    const value = Atomics.load(counter, 0); // read,
    Atomics.store(counter, 0, value + 1); // then write: locked
    const n = give(lock);
    if (n >= 0) notifies += 1; // n: how many threads it woke
    if (n > 0) woken += n;
  }
  Atomics.add(stats, 0, notifies);
  Atomics.add(stats, 1, woken);
}

function contended(states: 2 | 3) {
  const [lock, counter, stats] = [1, 1, 2].map(sharedInt32);
  const go = new Barrier(THREADS);
  const threads = [];
  for (let i = 0; i < THREADS; i++) {
    const args = [lock, counter, stats, states, go] as const;
    threads.push(new Thread({ target: add, args: [...args] }));
  }
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const label = `${states} states:`.padEnd(9);
  print(
    `${label} ${counter[0]} of ${THREADS * ADDS}; ` +
      `${stats[0]} notify calls, ${stats[1]} woke a thread`,
  );
}

// Nanoseconds per acquire + release with no other thread: the
// best of 5 rounds, each lock in a loop of its own.
const ROUND = 200_000;
function best(round: () => void): string {
  let ns = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    round();
    ns = Math.min(ns, ((performance.now() - start) * 1e6) / ROUND);
  }
  return ns.toFixed(1);
}

main(import.meta, () => {
  contended(2);
  contended(3);
  const [a, b] = [sharedInt32(1), sharedInt32(1)];
  const core = new Lock();
  const two = best(() => {
    for (let i = 0; i < ROUND; i++) {
      acquire(a);
      release(a);
    }
  });
  const three = best(() => {
    for (let i = 0; i < ROUND; i++) {
      acquire3(b);
      release3(b);
    }
  });
  const lib = best(() => {
    for (let i = 0; i < ROUND; i++) {
      core.acquire();
      core.release();
    }
  });
  print(
    `alone, ns per acquire + release: 2 states ${two}, ` +
      `3 states ${three}, core's Lock ${lib}`,
  );
});
