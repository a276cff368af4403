/** The first thread of a fresh program, as a lesson's is: `Thread.start()` to its first line. */
import { main, sharedInt32, Thread } from "@unravel/core";
import { report, waitCount } from "./report.ts";

export function firstLine(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

main(import.meta, () => {
  const flag = sharedInt32(1);
  const t = new Thread({ target: firstLine, args: [flag] });
  const t0 = performance.now();
  t.start();
  waitCount(flag, 1, "the thread starting");
  const ms = performance.now() - t0;
  t.join();
  report({ ms });
});
