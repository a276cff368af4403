// set() followed at once by clear() wakes every thread that was waiting at
// the moment of set(), and each returns true (CPython since bpo-13502,
// lock_tests.py EventTests.test_set_and_clear). Half the waiters use wait(),
// half waitAsync(). Round after round: the waiters must be asleep in the
// event before set(), so main asks the event's own word how many sleep there
// (Atomics.notify returns how many it woke; a woken waiter sleeps again).
import { Event, main, print, sharedInt32, Thread } from "../../src/index.ts";
import { SHARE } from "../../src/thread/transfer.ts";

const WAITERS = 4;
const ROUNDS = 25;
const LONG = 3_000; // ms: a waiter that misses the set() returns false after this

// Shared cells.
const ROUND = 0; // the round main has opened; waiters wait for it
const TRUES = 1; // wait() calls that returned true
const FALSES = 2; // … that returned false (missed the set)
const RETURNED = 3; // wait() calls that returned

function nextRound(cells: Int32Array, round: number): void {
  while (Atomics.load(cells, ROUND) < round) Atomics.wait(cells, ROUND, round - 1, 1_000);
}

export async function waiter(event: Event, cells: Int32Array, useAsync: boolean): Promise<void> {
  for (let round = 1; round <= ROUNDS; round++) {
    nextRound(cells, round);
    if (Atomics.load(cells, ROUND) > ROUNDS) return; // main stopped early
    const woken = useAsync ? await event.waitAsync(LONG) : event.wait(LONG);
    Atomics.add(cells, woken ? TRUES : FALSES, 1);
    Atomics.add(cells, RETURNED, 1);
    Atomics.notify(cells, RETURNED);
  }
}

main(import.meta, () => {
  const event = new Event();
  const word = new Int32Array(event[SHARE]().buffers[0]!);
  const cells = sharedInt32(4);
  const threads = Array.from(
    { length: WAITERS },
    (_, i) => new Thread({ target: waiter, args: [event, cells, i % 2 === 1] }),
  );
  for (const t of threads) t.start();
  let asleepEveryRound = true;
  for (let round = 1; round <= ROUNDS; round++) {
    Atomics.store(cells, ROUND, round);
    Atomics.notify(cells, ROUND);
    // Wait (at most ~10 s) until one notify finds every waiter asleep on the event's word.
    let asleep = 0;
    for (let tries = 0; asleep < WAITERS && tries < 100_000; tries++) {
      asleep = Atomics.notify(word, 0, WAITERS);
      if (asleep < WAITERS) Atomics.wait(cells, ROUND, round, 0.1);
    }
    if (asleep < WAITERS) asleepEveryRound = false;
    event.set();
    event.clear();
    // The round ends when every waiter has returned.
    for (
      let n = Atomics.load(cells, RETURNED);
      n < round * WAITERS;
      n = Atomics.load(cells, RETURNED)
    )
      Atomics.wait(cells, RETURNED, n, 1_000);
    if (cells[FALSES]! > 0) break; // a missed set costs LONG ms per round: one is enough
  }
  Atomics.store(cells, ROUND, ROUNDS + 1);
  Atomics.notify(cells, ROUND);
  for (const t of threads) t.join();
  print(`asleep before every set ${asleepEveryRound}`);
  print(`returned false ${cells[FALSES]}`);
  print(`returned true in every round ${cells[TRUES] === WAITERS * ROUNDS}`);
  print(`clear after ${event.isSet()}`);
});
