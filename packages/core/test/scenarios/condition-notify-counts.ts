// Five threads wait on one Condition. notify(1) must wake exactly one,
// notify(2) exactly two, notifyAll() the rest — Python's lock_tests._check_notify.
import { Condition, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function waiter(cond: Condition, counts: Int32Array): void {
  using _held = cond.hold();
  Atomics.add(counts, 0, 1); // waiting (counted under the lock, so notify sees us)
  Atomics.notify(counts, 0);
  const notified = cond.wait(10_000);
  Atomics.add(counts, 1, 1); // woke
  if (notified) Atomics.add(counts, 2, 1);
  Atomics.notify(counts, 1);
}

function waitFor(word: Int32Array, index: number, value: number): void {
  for (let n = Atomics.load(word, index); n < value; n = Atomics.load(word, index)) {
    Atomics.wait(word, index, n, 10_000);
  }
}

main(import.meta, () => {
  const cond = new Condition();
  const counts = sharedInt32(3); // [waiting, woke, woke notified]
  const threads = Array.from(
    { length: 5 },
    () => new Thread({ target: waiter, args: [cond, counts] }),
  );
  for (const t of threads) t.start();
  waitFor(counts, 0, 5);
  // A waiter has counted itself under the lock, and wait() releases it: once
  // we hold the lock, all five are inside wait.
  for (const n of [1, 2]) {
    const before = Atomics.load(counts, 1);
    cond.acquire();
    cond.notify(n);
    cond.release();
    waitFor(counts, 1, before + n);
    // Give an over-eager wake-up its chance to show: a full wait round trip.
    const extra = new Condition();
    extra.acquire();
    extra.wait(50);
    extra.release();
    print(`notify(${n}) woke ${Atomics.load(counts, 1) - before}`);
  }
  cond.acquire();
  cond.notifyAll();
  cond.release();
  for (const t of threads) t.join();
  print(`all woke ${counts[1]} notified ${counts[2]}`);
});
