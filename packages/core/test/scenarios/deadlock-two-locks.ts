// Two threads take two locks in opposite order: a deadlock. Each parks on
// a shared cell once it holds its first lock, so both hold one before
// either asks for the other.
import { Lock, main, print, sharedInt32, Thread } from "../../src/index.ts";

function bothHoldOne(held: Int32Array): void {
  Atomics.add(held, 0, 1);
  Atomics.notify(held, 0);
  for (let n = Atomics.load(held, 0); n < 2; n = Atomics.load(held, 0)) Atomics.wait(held, 0, n);
}

export function left(a: Lock, b: Lock, held: Int32Array): void {
  using _a = a.hold();
  bothHoldOne(held);
  using _b = b.hold(); // LEFT WAITS HERE
  print("left got both");
}

export function right(a: Lock, b: Lock, held: Int32Array): void {
  using _b = b.hold();
  bothHoldOne(held);
  using _a = a.hold(); // RIGHT WAITS HERE
  print("right got both");
}

main(import.meta, () => {
  const a = new Lock();
  const b = new Lock();
  const held = sharedInt32(1);
  const t1 = new Thread({ target: left, args: [a, b, held], name: "left" });
  const t2 = new Thread({ target: right, args: [a, b, held], name: "right" });
  t1.start();
  t2.start();
  print("started");
  t1.join();
  t2.join();
  print("never printed");
});
