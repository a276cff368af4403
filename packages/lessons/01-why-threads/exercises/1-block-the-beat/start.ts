import { main, print, sleep, Thread } from "@unravel/core";

// Slow work: keep the CPU busy for `ms` milliseconds, the way a
// long calculation would.
export function slowWork(ms: number) {
  print("  work: start");
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // computing...
  }
  print("  work: done");
}

main(import.meta, () => {
  const t0 = Date.now();
  const beat = () => print(`beat at ${Date.now() - t0} ms`);

  print("1. The work runs inline, on the main thread:");
  for (let i = 0; i < 3; i++) {
    beat();
    sleep(100);
  }
  slowWork(600); // nothing else runs on this thread meanwhile
  beat();

  print("2. The work runs in a thread of its own:");
  const worker = new Thread({ target: slowWork, args: [600] });
  worker.start();
  while (worker.isAlive()) {
    beat();
    sleep(100);
  }
  worker.join();
  beat();
});
