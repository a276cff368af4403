// A daemon thread started by a thread that then ends: the starter's worker
// exits, and Node terminates the workers it started, so the daemon vanishes
// wherever it is (parked outside its turn, or in the middle of it) without
// taking its end step. Nothing here ends on its own: only that end can stop
// the run (or the step limit).
import { main, sleep, Thread } from "../../src/index.ts";

export function orphan() {
  for (;;) sleep(10);
}

export function parent() {
  new Thread({ target: orphan, name: "orphan", daemon: true }).start();
}

main(import.meta, () => {
  const p = new Thread({ target: parent, name: "parent" });
  p.start();
  p.join();
  for (;;) sleep(1);
});
