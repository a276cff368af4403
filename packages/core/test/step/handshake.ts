// The program's own Atomics.wait and Atomics.notify, on its shared array:
// a wait that is woken, and one that times out (in virtual time).
import { main, print, sharedInt32, Thread } from "../../src/index.ts";

export function waiter(flag: Int32Array) {
  const woken = Atomics.wait(flag, 0, 0);
  const late = Atomics.wait(flag, 1, 0, 60_000);
  print(`woken: ${woken}, then: ${late}, flag ${Atomics.load(flag, 0)}`);
}

main(import.meta, () => {
  const flag = sharedInt32(2);
  const t = new Thread({ target: waiter, args: [flag] });
  t.start();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  t.join();
});
