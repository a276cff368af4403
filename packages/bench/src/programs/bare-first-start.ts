/**
 * The first worker of a fresh program: `new Worker()` of a one-line module
 * to its first line; `core` = a worker whose module only imports
 * @unravel/core (what the library's import costs a new worker);
 * `core-cached` = the same with Node's compile cache on, as in a thread's worker.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { report, waitCount } from "./report.ts";

const modules: Record<string, string> = {
  core: "./imports-core.ts",
  "core-cached": "./imports-core-cached.mjs", // as a thread's worker loads core
};
const module = modules[process.argv[2] ?? ""] ?? "./one-line.ts";
const flag = new Int32Array(new SharedArrayBuffer(4));
const t0 = performance.now();
const worker = new Worker(new URL(module, import.meta.url), { workerData: flag });
waitCount(flag, 1, "the worker starting");
const ms = performance.now() - t0;
await once(worker, "exit");
report({ ms });
