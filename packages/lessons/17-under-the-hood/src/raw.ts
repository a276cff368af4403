// The two-state lock with no library at all (Node): a Worker,
// postMessage, a SharedArrayBuffer, Atomics.wait and Atomics.notify.
import {
  isMainThread,
  parentPort,
  Worker,
} from "node:worker_threads";

const WORKERS = 4;
const ADDS = 50_000;

function acquire(lock: Int32Array) {
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
    Atomics.wait(lock, 0, 1);
  }
}

function release(lock: Int32Array) {
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0, 1);
}

if (isMainThread) {
  const memory = new SharedArrayBuffer(8); // the lock, the counter
  const counter = new Int32Array(memory, 4, 1);
  let done = 0;
  for (let i = 0; i < WORKERS; i++) {
    // Runs this same file again, in a new thread.
    const worker = new Worker(new URL(import.meta.url));
    worker.postMessage(memory); // shared, not copied
    worker.on("message", () => {
      done += 1;
      if (done < WORKERS) return;
      console.log(`raw: ${counter[0]} of ${WORKERS * ADDS}`);
    });
  }
} else {
  parentPort!.once("message", (memory: SharedArrayBuffer) => {
    const lock = new Int32Array(memory, 0, 1);
    const counter = new Int32Array(memory, 4, 1);
    for (let i = 0; i < ADDS; i++) {
      acquire(lock);
      counter[0] += 1; // plain: the lock orders it
      release(lock);
    }
    parentPort!.postMessage("done");
    parentPort!.close(); // nothing more: let the worker end
  });
}
