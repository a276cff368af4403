// Main holds a lock and waits for a future whose task needs that lock: a
// deadlock through a pool. `node future-deadlock.ts [fixed]`: fixed releases
// the lock before waiting.
import { Lock, main, print, ThreadPoolExecutor } from "../../src/index.ts";

let lock: Lock | undefined; // each worker's, from setup

export function setup(shared: Lock): void {
  lock = shared;
}

export function task(): number {
  using _held = lock!.hold(); // THE WORKER WAITS HERE
  return 42;
}

main(import.meta, () => {
  const shared = new Lock();
  const pool = new ThreadPoolExecutor({ maxWorkers: 1, initializer: setup, initargs: [shared] });
  shared.acquire();
  const future = pool.submit(task);
  if (process.argv[2] === "fixed") shared.release();
  print(`result ${future.result()}`); // MAIN WAITS HERE
  pool.shutdown();
});
