// Two threads take two locks in opposite orders: some schedules deadlock.
import { Lock, main, print, Thread } from "../../src/index.ts";

export function both(first: Lock, second: Lock) {
  using _first = first.hold();
  using _second = second.hold();
}

main(import.meta, () => {
  const a = new Lock();
  const b = new Lock();
  const left = new Thread({ target: both, args: [a, b], name: "left" });
  const right = new Thread({ target: both, args: [b, a], name: "right" });
  left.start();
  right.start();
  left.join();
  right.join();
  print("both done");
});
