// top-level-lock.ts done right: the lock and the counter are made in main and passed.
import { Lock, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function worker(n: number, lock: Lock, counter: Int32Array): void {
  for (let i = 0; i < n; i++) {
    using _held = lock.hold();
    counter[0]! += 1;
  }
}

main(import.meta, () => {
  const lock = new Lock();
  const counter = sharedInt32(1);
  const threads = [1, 2, 3].map(() => new Thread({ target: worker, args: [1000, lock, counter] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`counter ${counter[0]}`);
});
