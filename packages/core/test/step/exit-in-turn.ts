// A thread that ends its worker with process.exit() in the middle of its
// turn: its end is not a step (no "thread-end"), so the run must stop,
// naming it, instead of going on as if it had returned.
import { main, print, sharedInt32, Thread } from "../../src/index.ts";

export function quit(counter: Int32Array) {
  Atomics.add(counter, 0, 1);
  process.exit(3);
}

main(import.meta, () => {
  const counter = sharedInt32(1);
  const t = new Thread({ target: quit, args: [counter], name: "quitter" });
  t.start();
  t.join();
  print(`joined: ${t.exception?.message}`);
});
