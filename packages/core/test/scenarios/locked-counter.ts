// 4 threads × 250,000 increments of one shared counter under a Lock.
import { Lock, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function addMany(lock: Lock, counter: Int32Array, times: number): void {
  for (let i = 0; i < times; i++) {
    using _held = lock.hold();
    counter[0] = counter[0]! + 1; // a plain read-modify-write: only the lock makes it safe
  }
}

main(import.meta, () => {
  const lock = new Lock();
  const counter = sharedInt32(1);
  const threads = [1, 2, 3, 4].map(
    () => new Thread({ target: addMany, args: [lock, counter, 250_000] }),
  );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`counter ${counter[0]}`);
  print(`locked after ${lock.locked()}`);
});
