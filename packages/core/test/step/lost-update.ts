// Two threads add 3 each to one counter, read and write as separate
// steps: some schedules lose an update.
import { main, print, sharedInt32, Thread } from "../../src/index.ts";

export function add(counter: Int32Array) {
  for (let i = 0; i < 3; i++) {
    const value = Atomics.load(counter, 0);
    Atomics.store(counter, 0, value + 1);
  }
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const threads = [0, 1].map(() => new Thread({ target: add, args: [counter] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`total ${counter[0]} of 6`);
});
