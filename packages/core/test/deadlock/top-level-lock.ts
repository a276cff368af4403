// A naive port of Python's
//     lock = threading.Lock()
//     def worker(): ... with lock: counter += 1
// with the lock (and the counter) at the top level: every thread runs this
// module again, so each has its own lock and its own counter.
// (top-level-fixed.ts is the same program done right.)
import { Lock, main, print, sharedInt32, Thread } from "../../src/index.ts";

const lock = new Lock();
const counter = sharedInt32(1);

export function worker(n: number): void {
  for (let i = 0; i < n; i++) {
    using _held = lock.hold();
    counter[0]! += 1;
  }
}

main(import.meta, () => {
  const threads = [1, 2, 3].map(() => new Thread({ target: worker, args: [1000] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`counter ${counter[0]}`);
});
