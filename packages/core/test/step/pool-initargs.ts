// A pool's workers get a counter through initargs, inside an object: the
// tasks' Atomics calls on it are steps; the pool's own words are not.
import { main, print, sharedInt32, ThreadPoolExecutor } from "../../src/index.ts";

let counter: Int32Array;

export function setup(shared: { counter: Int32Array }) {
  counter = shared.counter;
}

export function bump() {
  const value = Atomics.load(counter, 0);
  Atomics.store(counter, 0, value + 1);
}

main(import.meta, () => {
  const shared = { counter: sharedInt32(1) };
  const pool = new ThreadPoolExecutor({ maxWorkers: 2, initializer: setup, initargs: [shared] });
  const futures = [0, 1].map(() => pool.submit(bump));
  for (const f of futures) f.result();
  pool.shutdown();
  print(`total ${shared.counter[0]} of 2`);
});
