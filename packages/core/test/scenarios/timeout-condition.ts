// Timed Condition waits under contention: two threads wait with timeouts of
// 0 to 1 ms (blocking and async, over an RLock held twice) while a third
// notifies whenever someone waits un-notified. After every wait, timed out or
// not, the waiter must hold the lock again at every level, alone; and each
// notify must make exactly one wait return true (a wait that times out just
// as it is notified returns true and takes the notification, see README).
import { Condition, main, print, RLock, sharedInt32, Thread } from "../../src/index.ts";

const ROUNDS = 1_500; // timed waits per waiter
const TIMEOUTS = [0, 0.02, 0.2, 1];

// Shared cells; WAITING and OUTSTANDING change only under the lock.
const WAITING = 0; // waiters between their count and their return
const OUTSTANDING = 1; // notifies whose wait has not yet returned
const NOTIFIES = 2;
const TRUES = 3;
const FALSES = 4;
const SPURIOUS = 5; // a wait returned true with no notify outstanding
const NOT_HELD = 6; // a wait returned without the lock held again, at every level
const OVERLAPS = 7; // two threads inside at once
const INSIDE = 8;
const DONE = 9; // waiters finished
const CELLS = 10;
const WAITERS = 2;

function spin(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until) {}
}

function alone(cells: Int32Array): void {
  if (Atomics.add(cells, INSIDE, 1) !== 0) Atomics.add(cells, OVERLAPS, 1);
  Atomics.sub(cells, INSIDE, 1);
}

export async function waiter(cond: Condition, rlock: RLock, cells: Int32Array): Promise<void> {
  for (let i = 0; i < ROUNDS; i++) {
    const timeout = TIMEOUTS[i % TIMEOUTS.length]!;
    const levels = 1 + (i % 2); // every other round, wait holding the RLock twice
    for (let l = 0; l < levels; l++) rlock.acquire();
    alone(cells);
    cells[WAITING]!++;
    const notified = i % 3 === 0 ? await cond.waitAsync(timeout) : cond.wait(timeout);
    if (!rlock.isOwned()) Atomics.add(cells, NOT_HELD, 1);
    alone(cells);
    cells[WAITING]!--;
    if (notified) {
      Atomics.add(cells, TRUES, 1);
      if (cells[OUTSTANDING]! > 0) cells[OUTSTANDING]!--;
      else Atomics.add(cells, SPURIOUS, 1);
    } else {
      Atomics.add(cells, FALSES, 1);
    }
    try {
      for (let l = 0; l < levels; l++) rlock.release();
    } catch {
      Atomics.add(cells, NOT_HELD, 1); // a level was not restored
    }
    if (rlock.isOwned()) Atomics.add(cells, NOT_HELD, 1); // a level too many
    spin(i % 7);
  }
  Atomics.add(cells, DONE, 1);
}

export function notifier(cond: Condition, cells: Int32Array): void {
  for (let i = 0; Atomics.load(cells, DONE) < WAITERS; i++) {
    {
      using _held = cond.hold();
      alone(cells);
      if (cells[WAITING]! - cells[OUTSTANDING]! > 0) {
        cond.notify();
        cells[OUTSTANDING]!++;
        Atomics.add(cells, NOTIFIES, 1);
      }
    }
    spin(i % 13);
  }
}

main(import.meta, () => {
  const rlock = new RLock();
  const cond = new Condition(rlock);
  const cells = sharedInt32(CELLS);
  const threads = [
    ...Array.from(
      { length: WAITERS },
      () => new Thread({ target: waiter, args: [cond, rlock, cells] }),
    ),
    new Thread({ target: notifier, args: [cond, cells] }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`not held ${cells[NOT_HELD]} overlaps ${cells[OVERLAPS]} spurious ${cells[SPURIOUS]}`);
  print(
    `notifies all returned true ${cells[NOTIFIES] === cells[TRUES]} outstanding ${cells[OUTSTANDING]}`,
  );
  print(`saw both outcomes ${cells[TRUES]! > 0 && cells[FALSES]! > 0}`);
  print(`free after ${!rlock.locked()}`);
  {
    using _held = cond.hold();
    print(`a later wait times out cleanly ${cond.wait(1) === false && rlock.isOwned()}`);
  }
});
