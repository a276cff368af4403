/**
 * The same as `ours-per-thread.ts` with bare workers of a one-line module;
 * `core` as the second argument: workers whose module also imports @unravel/core.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { openGate, report, residentPerThread, settle, waitCount } from "./report.ts";

const k = Number(process.argv[2]);
const flag = new Int32Array(new SharedArrayBuffer(4));
const gate = new Int32Array(new SharedArrayBuffer(4));
const park = process.argv[3] === "core" ? "./imports-core-park.ts" : "./one-line-park.ts";
const module = new URL(park, import.meta.url);
const workers: Worker[] = [];
const start = (n: number) => {
  for (let i = 0; i < n; i++) workers.push(new Worker(module, { workerData: { flag, gate } }));
  waitCount(flag, workers.length, "workers starting");
  settle();
};
const perThreadMiB = residentPerThread(k, start);
openGate(gate);
await Promise.all(workers.map((w) => once(w, "exit")));
report({ perThreadMiB });
