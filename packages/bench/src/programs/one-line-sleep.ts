// A bare worker that sleeps `workerData` ms, as `sleep` in a Thread does.
import { workerData } from "node:worker_threads";

Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData as number);
