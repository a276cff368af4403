import { main, print, Thread } from "@unravel/core";

type CountOptions = { name?: string; step?: number };

export function countDown(from: number, opts: CountOptions = {}) {
  const { name = "?", step = 1 } = opts;
  for (let n = from; n > 0; n -= step) print(`${name}: ${n}`);
}

main(import.meta, () => {
  const threads = [
    new Thread({ target: countDown, args: [3, { name: "A" }] }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print("main: done");
});
