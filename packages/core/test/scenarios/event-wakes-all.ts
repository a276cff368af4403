// Five threads park on one Event; a single set() must release every one.
import { Event, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function waiter(ready: Int32Array, go: Event, woke: Int32Array): void {
  Atomics.add(ready, 0, 1);
  Atomics.notify(ready, 0);
  if (go.wait(10_000)) Atomics.add(woke, 0, 1);
}

main(import.meta, () => {
  const go = new Event();
  const ready = sharedInt32(1);
  const woke = sharedInt32(1);
  const threads = Array.from(
    { length: 5 },
    () => new Thread({ target: waiter, args: [ready, go, woke] }),
  );
  for (const t of threads) t.start();
  // Wait until all five have started before setting: "started" before "blocked".
  for (let n = Atomics.load(ready, 0); n < 5; n = Atomics.load(ready, 0))
    Atomics.wait(ready, 0, n, 10_000);
  go.set();
  for (const t of threads) t.join();
  print(`woke ${woke[0]}`);
  print(`isSet ${go.isSet()}`);
});
