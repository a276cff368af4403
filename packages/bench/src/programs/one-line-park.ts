// A bare worker that counts itself started, then parks until the gate opens.
import { workerData } from "node:worker_threads";

const { flag, gate } = workerData as { flag: Int32Array; gate: Int32Array };
Atomics.add(flag, 0, 1);
Atomics.notify(flag, 0);
Atomics.wait(gate, 0, 0);
