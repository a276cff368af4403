/**
 * The first worker of a fresh program: `new Worker()` of a one-line module
 * to its first line; `core` = a worker whose module only imports
 * @unravel/core (what the library's import costs a new worker).
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { report, waitCount } from "./report.ts";

const module = process.argv[2] === "core" ? "./imports-core.ts" : "./one-line.ts";
const flag = new Int32Array(new SharedArrayBuffer(4));
const t0 = performance.now();
const worker = new Worker(new URL(module, import.meta.url), { workerData: flag });
waitCount(flag, 1, "the worker starting");
const ms = performance.now() - t0;
await once(worker, "exit");
report({ ms });
