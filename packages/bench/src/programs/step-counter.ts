// Two threads add to one shared counter with Atomics.add, `argv[2]` times
// each: under UNRAVEL_STEP every add is a step, handed between the
// threads. Prints the milliseconds from the first add to the last (each
// thread notes its own, in plain writes that are not steps).
import { main, print, sharedFloat64, sharedInt32, Thread } from "@unravel/core";

const ADDS = Number(process.argv[2] ?? 1000);

export function add(counter: Int32Array, times: Float64Array, me: number) {
  times[2 * me] = performance.now();
  for (let i = 0; i < ADDS; i++) Atomics.add(counter, 0, 1);
  times[2 * me + 1] = performance.now();
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const times = sharedFloat64(4);
  const threads = [0, 1].map((me) => new Thread({ target: add, args: [counter, times, me] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  if (counter[0] !== 2 * ADDS) throw new Error(`counted ${counter[0]} of ${2 * ADDS}`);
  print(Math.max(times[1]!, times[3]!) - Math.min(times[0]!, times[2]!));
});
