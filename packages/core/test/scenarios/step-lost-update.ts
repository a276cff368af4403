// Step mode in the page: two threads add 2 each to one counter, the read and
// the write separate steps, a lock's holder to show. Lines are asserted.
import { Lock, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function add(counter: Int32Array, lock: Lock) {
  for (let i = 0; i < 2; i++) {
    const value = Atomics.load(counter, 0);
    Atomics.store(counter, 0, value + 1);
  }
  using _held = lock.hold();
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const lock = new Lock();
  const threads = [0, 1].map(() => new Thread({ target: add, args: [counter, lock] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`total ${counter[0]} of 4`);
});
