// A Timer runs its function after the interval; a cancelled one never does.
import { Event, main, print, sharedInt32, Timer } from "../../src/index.ts";

export function ring(calls: Int32Array, slot: number, rang: Event): void {
  Atomics.add(calls, slot, 1);
  rang.set();
}

main(import.meta, () => {
  const calls = sharedInt32(2);
  const rang = new Event();
  const started = performance.now();
  const timer = new Timer(50, ring, [calls, 0, rang]);
  const cancelled = new Timer(50, ring, [calls, 1, new Event()]);
  timer.start();
  cancelled.start();
  cancelled.cancel();
  timer.join();
  cancelled.join();
  const waited = performance.now() - started;
  print(`fired ${calls[0]} after at least the interval ${rang.isSet() && waited >= 45}`);
  print(`cancelled fired ${calls[1]}`);
  print(`timer name ${timer.name.startsWith("Thread-")}`); // bundlers may rename ring
});
