// Node only: a thread starts a daemon and ends. Its worker exits, and Node
// ends the workers a worker started with it: the daemon is stopped in the
// middle of its wait, where neither it nor its starter can say so after.
// The starter's worker marks it ended as it exits; it used to stay listed
// as alive, for good.
import { Event, enumerate, main, print, sleep, Thread } from "../../src/index.ts";

export function forever(never: Event): void {
  never.wait();
}

export function parent(never: Event): void {
  new Thread({ target: forever, args: [never], name: "orphan", daemon: true }).start();
}

main(import.meta, () => {
  const never = new Event();
  const p = new Thread({ target: parent, args: [never], name: "parent" });
  p.start();
  p.join();
  // The parent's worker exits just after its end: nothing to wait on but the registry.
  const gone = () => !enumerate().some((t) => t.name === "orphan");
  for (let i = 0; i < 1000 && !gone(); i++) sleep(10);
  print(`orphan gone ${gone()}`);
});
