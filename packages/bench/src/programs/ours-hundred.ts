/** `n` threads started at once, each sleeping `ms`, all joined: the time and the peak memory. */
import { main, sleep, Thread } from "@unravel/core";
import { MiB, report } from "./report.ts";

export function nap(ms: number): void {
  sleep(ms);
}

main(import.meta, () => {
  const n = Number(process.argv[2]);
  const ms = Number(process.argv[3]);
  const t0 = performance.now();
  const threads = Array.from({ length: n }, () => new Thread({ target: nap, args: [ms] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  report({ ms: performance.now() - t0, peakMiB: (process.resourceUsage().maxRSS * 1024) / MiB });
});
