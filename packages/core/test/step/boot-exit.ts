// A thread whose worker exits while it boots (process.exit in the module's
// top level, in a worker only): it never reaches its first line, and step
// mode must learn that it ended instead of waiting for it.
import { isMainThread } from "node:worker_threads";
import { main, print, Thread } from "../../src/index.ts";

if (!isMainThread) process.exit(3);

export function never() {
  print("not reached");
}

main(import.meta, () => {
  const t = new Thread({ target: never, name: "gone" });
  t.start();
  t.join();
  print(`joined: alive ${t.isAlive()}, ${t.exception?.message}`);
});
