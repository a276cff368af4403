// Node keeps a spare worker that imports the program's module ahead of the
// next start(); it is made once the thread just started runs, and a main
// thread that never returns to its event loop (start, join, sleep, start)
// still gets it. A spare imports the module before it knows its thread, so
// its top-level code sees the nameless "(starting)" thread; a cold worker's
// sees the thread's own name. No timing is involved: the spare made during
// sleep() is taken by the next start() however far its import has got.
import { currentThread, main, print, sharedInt32, sleep, Thread } from "../../src/index.ts";

const loadedAs = currentThread().name; // who ran this module's top-level code

export function report(out: Int32Array, i: number): void {
  out[i] = loadedAs === "(starting)" ? 1 : 0;
}

main(import.meta, () => {
  const out = sharedInt32(4);
  for (let i = 0; i < 4; i++) {
    const t = new Thread({ target: report, args: [out, i], name: `worker-${i}` });
    t.start();
    t.join();
    sleep(1); // the spare for the next start is made here, after this thread ran
  }
  print(`loaded by a spare ${Array.from(out).join(",")}`);
});
