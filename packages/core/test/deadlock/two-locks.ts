// Two threads take two locks in opposite order: a deadlock. Each parks on
// a shared cell once it holds its first lock, so both hold one before
// either asks for the other.
import { Lock, main, print, Thread, sharedInt32 } from "../../src/index.ts";

export function worker(first: Lock, second: Lock, held: Int32Array, me: number): void {
  using _first = first.hold();
  Atomics.add(held, 0, 1);
  Atomics.notify(held, 0);
  while (Atomics.load(held, 0) < 2) Atomics.wait(held, 0, Atomics.load(held, 0));
  using _second = second.hold(); // the waiting call
  print(`thread ${me} got both`);
}

main(import.meta, () => {
  const a = new Lock();
  const b = new Lock();
  const held = sharedInt32(1);
  const t1 = new Thread({ target: worker, args: [a, b, held, 1] });
  const t2 = new Thread({ target: worker, args: [b, a, held, 2] });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  print("never printed");
});
