// Threads started one after another (on Node the later ones from a warm
// spare worker) each see fresh module state and their own identity.
import { currentThread, main, print, sharedInt32, sleep, Thread } from "../../src/index.ts";

let calls = 0; // module state: each thread has its own copy

export function bump(out: Int32Array, i: number): void {
  calls++;
  out[i] = calls;
  out[8 + i] = currentThread().name === `worker-${i}` ? 1 : 0;
}

main(import.meta, () => {
  const out = sharedInt32(16);
  for (let i = 0; i < 5; i++) {
    const t = new Thread({ target: bump, args: [out, i], name: `worker-${i}` });
    t.start();
    t.join();
    sleep(20); // gives the spare time to get warm
  }
  print(`fresh module state ${Array.from(out.subarray(0, 5)).join(",")}`);
  print(`own names ${Array.from(out.subarray(8, 13)).join(",")}`);
});
