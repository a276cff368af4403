import { main, sharedInt32, Thread } from "@unravel/core";
import { waitCount } from "./report.ts";
export function park(flag: Int32Array, gate: Int32Array): void {
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
  Atomics.wait(gate, 0, 0);
}
main(import.meta, () => {
  const k = Number(process.argv[2]);
  const flag = sharedInt32(1);
  const gate = sharedInt32(1);
  const threads = Array.from({ length: k }, () => new Thread({ target: park, args: [flag, gate] }));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let startMs = 0;
  for (const t of threads) { const s = performance.now(); t.start(); startMs += performance.now() - s; }
  waitCount(flag, k, "starting");
  const c1 = process.cpuUsage(c0);
  console.log(JSON.stringify({ cpuPerThreadMs: (c1.user + c1.system) / 1000 / k, startMs: startMs / k, wallMs: performance.now() - t0 }));
  Atomics.store(gate, 0, 1); Atomics.notify(gate, 0);
  for (const t of threads) t.join();
});
