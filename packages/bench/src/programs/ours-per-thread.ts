/** Memory per extra live thread of ours (see `residentPerThread`). */
import { main, sharedInt32, Thread } from "@unravel/core";
import { openGate, report, residentPerThread, settle, waitCount } from "./report.ts";

export function park(flag: Int32Array, gate: Int32Array): void {
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
  Atomics.wait(gate, 0, 0);
}

main(import.meta, () => {
  const k = Number(process.argv[2]);
  const flag = sharedInt32(1);
  const gate = sharedInt32(1);
  const threads: Thread<any>[] = [];
  const start = (n: number) => {
    for (let i = 0; i < n; i++) threads.push(new Thread({ target: park, args: [flag, gate] }));
    for (const t of threads.slice(-n)) t.start();
    waitCount(flag, threads.length, "threads starting");
    settle();
  };
  const perThreadMiB = residentPerThread(k, start);
  openGate(gate);
  for (const t of threads) t.join();
  report({ perThreadMiB });
});
