// Threads whose boot is slow (their module's top level runs for a while in
// each worker): the time a boot takes is not a thread running without a step.
import { isMainThread } from "node:worker_threads";
import { main, print, Thread } from "../../src/index.ts";

if (!isMainThread) {
  const end = Date.now() + 1500;
  while (Date.now() < end) {}
}

export function hello(n: number) {
  print(`hello from ${n}`);
}

main(import.meta, () => {
  const threads = [1, 2, 3].map((n) => new Thread({ target: hello, args: [n] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print("all joined");
});
