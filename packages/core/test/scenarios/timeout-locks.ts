// Timed acquires of a Lock and an RLock under contention: a holder thread
// takes the lock again and again for ~20 µs, while a second thread tries
// acquire({ timeout }) with timeouts of 0, 0.02 and 1 ms, blocking and async.
// A timed acquire that returns false must leave the lock as if it never
// tried: checked after each one by taking the lock again (a lock taken and
// "not acquired" is held by nobody and never released), and at the end.
import { Lock, main, print, RLock, sharedInt32, Thread } from "../../src/index.ts";

const ROUNDS = 2_000; // timed acquires per lock, half of them async
const TIMEOUTS = [0, 0.02, 1];
const LONG = 5_000; // ms: an acquire that waits this long found the lock leaked

// Shared cells, per lock under test.
const INSIDE = 0; // threads between acquire and release: must stay 0 or 1
const OVERLAPS = 1; // times a thread found another inside
const LEAKED = 2; // a long acquire failed: the lock was left held
const STOP = 3; // the timed thread is done: the holder stops
const FALSES = 4;
const TRUES = 5;
const NOT_OWNED = 6; // RLock: isOwned() wrong after a timed acquire
const STARTED = 7; // the holder is running: the timed thread starts then
const TAKEN = 8; // how many times the holder took the lock
const CELLS = 9;

type AnyLock = Lock | RLock;

function spin(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until) {}
}

function enter(cells: Int32Array): void {
  if (Atomics.add(cells, INSIDE, 1) !== 0) Atomics.add(cells, OVERLAPS, 1);
}

function leave(cells: Int32Array): void {
  Atomics.sub(cells, INSIDE, 1);
}

export function holder(lock: AnyLock, cells: Int32Array): void {
  Atomics.store(cells, STARTED, 1);
  Atomics.notify(cells, STARTED);
  while (Atomics.load(cells, STOP) === 0 && Atomics.load(cells, LEAKED) === 0) {
    if (!lock.acquire({ timeout: LONG })) {
      Atomics.store(cells, LEAKED, 1);
      return;
    }
    Atomics.add(cells, TAKEN, 1);
    enter(cells);
    spin(20);
    leave(cells);
    lock.release();
    spin(2); // the lock stays free a moment: a timed-out tryer may find it so
  }
}

/** After an acquire returned `acquired`, checks and restores the state; false when the lock leaked. */
function settle(lock: AnyLock, cells: Int32Array, acquired: boolean): boolean {
  if (lock instanceof RLock && lock.isOwned() !== acquired) Atomics.add(cells, NOT_OWNED, 1);
  if (acquired) {
    Atomics.add(cells, TRUES, 1);
  } else {
    Atomics.add(cells, FALSES, 1);
    // Later acquirability: a false acquire that took the lock leaves it held forever.
    if (!lock.acquire({ timeout: LONG })) {
      Atomics.store(cells, LEAKED, 1);
      return false;
    }
  }
  enter(cells);
  leave(cells);
  lock.release();
  return true;
}

/**
 * Lets the holder take the lock first, so most timed acquires meet a held
 * lock. A spin, bounded at 0.3 ms: a futex wake-up comes too late, the
 * holder has often released again by then.
 */
function awaitHolder(cells: Int32Array): void {
  const taken = Atomics.load(cells, TAKEN);
  const until = performance.now() + 0.3;
  while (Atomics.load(cells, TAKEN) === taken && performance.now() < until) {}
}

export async function tryer(lock: AnyLock, cells: Int32Array): Promise<void> {
  Atomics.wait(cells, STARTED, 0); // contention from the first round
  try {
    for (let i = 0; i < ROUNDS && Atomics.load(cells, LEAKED) === 0; i++) {
      awaitHolder(cells);
      const timeout = TIMEOUTS[i % TIMEOUTS.length]!;
      const acquired =
        i % 2 === 0 ? lock.acquire({ timeout }) : await lock.acquireAsync({ timeout });
      if (!settle(lock, cells, acquired)) return;
    }
  } finally {
    Atomics.store(cells, STOP, 1);
  }
}

function contend(name: string, lock: AnyLock): void {
  const cells = sharedInt32(CELLS);
  const threads = [
    new Thread({ target: holder, args: [lock, cells], name: `${name}-holder` }),
    new Thread({ target: tryer, args: [lock, cells], name: `${name}-tryer` }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const free = !lock.locked() && lock.acquire({ timeout: 0 });
  if (free) lock.release();
  print(
    `${name} leaked ${cells[LEAKED]} overlaps ${cells[OVERLAPS]} not owned ${cells[NOT_OWNED]}`,
  );
  print(`${name} free after ${free}`);
  print(`${name} saw both outcomes ${cells[FALSES]! > 0 && cells[TRUES]! > 0}`);
}

main(import.meta, () => {
  contend("Lock", new Lock());
  contend("RLock", new RLock());
});
