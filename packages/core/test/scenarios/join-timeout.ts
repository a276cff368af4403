// join(timeout) on a thread that is still sleeping returns, and the thread stays alive.
import { Event, main, print, Thread } from "../../src/index.ts";

export function sleeper(release: Event): void {
  release.wait(10_000);
}

main(import.meta, () => {
  const release = new Event();
  const t = new Thread({ target: sleeper, args: [release], name: "sleeper" });
  t.start();
  print(`join(50) ended ${t.join(50)}`);
  print(`alive after timeout ${t.isAlive()}`);
  release.set();
  print(`join() ended ${t.join()}`);
  print(`alive after join ${t.isAlive()}`);
});
