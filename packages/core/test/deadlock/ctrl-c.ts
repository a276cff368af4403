// Ctrl-C while main is blocked in a core call (not only join): who waits on
// what is printed, then the program ends as Ctrl-C ends it. Not a deadlock:
// `busy` holds the lock and waits on an Event with a timeout, again and again.
// `node ctrl-c.ts [lock|queue] [handler]`: handler installs a SIGINT listener first.

import { BLOCKED, R_STATE } from "../../src/diagnose/layout.ts";
import { findRecord, table } from "../../src/diagnose/waits.ts";
import { Event, Lock, main, print, Queue, Thread } from "../../src/index.ts";

export function busy(lock: Lock, never: Event): void {
  lock.acquire();
  // Wait until main's wait is recorded as blocked (then Ctrl-C reaches it), and say so.
  const { ints } = table();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const at = findRecord(ints, 1);
    if (at >= 0 && Atomics.load(ints, at + R_STATE) === BLOCKED) break;
    Atomics.wait(pause, 0, 0, 5);
  }
  print("main is blocked");
  for (;;) never.wait(1_000);
}

main(import.meta, () => {
  const [what = "lock", handler] = process.argv.slice(2);
  if (handler) process.on("SIGINT", () => print("handler ran: WRONG while blocked"));
  const lock = new Lock();
  const never = new Event();
  const q = new Queue<number>();
  lock.acquire();
  new Thread({ target: busy, args: [lock, never], name: "busy", daemon: true }).start();
  lock.release();
  while (!lock.locked()) never.wait(1); // busy took it
  if (what === "queue") q.get();
  else lock.acquire();
  print("never printed");
});
