// An awaited waitAsync keeps Node alive on its own: the only other thread is a daemon.
import { Event, main, print, sleep, Thread } from "../../src/index.ts";

export function setLater(ready: Event): void {
  sleep(50);
  ready.set();
}

main(import.meta, async () => {
  const ready = new Event();
  new Thread({ target: setLater, args: [ready], daemon: true }).start();
  print(`woke ${await ready.waitAsync(10_000)}`);
});
