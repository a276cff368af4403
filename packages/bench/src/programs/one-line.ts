// A bare worker's whole module: flag the first line.
import { workerData } from "node:worker_threads";

const flag = workerData as Int32Array;
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
