// Two threads add to one shared counter with Atomics.add, `argv[2]` times
// each: under UNRAVEL_STEP every add is a step, handed between the
// threads. Prints the milliseconds from the first start to the last join.
import { main, print, sharedInt32, Thread } from "@unravel/core";

const ADDS = Number(process.argv[2] ?? 1000);

export function add(counter: Int32Array) {
  for (let i = 0; i < ADDS; i++) Atomics.add(counter, 0, 1);
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const t0 = performance.now();
  const threads = [0, 1].map(() => new Thread({ target: add, args: [counter] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  if (counter[0] !== 2 * ADDS) throw new Error(`counted ${counter[0]} of ${2 * ADDS}`);
  print(performance.now() - t0); // ms from the first start to the last join
});
