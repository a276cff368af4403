/**
 * Memory per extra live thread: one thread started first (it pays the
 * one-time costs, and the runtime warms its spare worker), then `k` more,
 * all parked; the resident memory they add, divided by `k`.
 */
import { main, sharedInt32, Thread } from "@unravel/core";
import { MiB, report, settle, waitCount } from "./report.ts";

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
  start(1);
  const before = process.memoryUsage.rss();
  start(k);
  const after = process.memoryUsage.rss();
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  for (const t of threads) t.join();
  report({ perThreadMiB: (after - before) / k / MiB });
});
