/** `n` bare workers started at once, each sleeping `ms`, all exited: the time and the peak memory. */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { MiB, report } from "./report.ts";

const n = Number(process.argv[2]);
const ms = Number(process.argv[3]);
const module = new URL("./one-line-sleep.ts", import.meta.url);
const t0 = performance.now();
const workers = Array.from({ length: n }, () => new Worker(module, { workerData: ms }));
await Promise.all(workers.map((w) => once(w, "exit")));
report({ ms: performance.now() - t0, peakMiB: (process.resourceUsage().maxRSS * 1024) / MiB });
