import { main, print, Thread } from "@unravel/core";

type CountOptions = { name?: string; step?: number };

export function countDown(from: number, opts: CountOptions = {}) {
  const { name = "?", step = 1 } = opts;
  for (let n = from; n > 0; n -= step) print(`${name}: ${n}`);
}

main(import.meta, () => {
  const threads = [
    new Thread({ target: countDown, args: [3, { name: "A" }] }),
    new Thread({
      target: countDown,
      args: [6, { name: "B", step: 2 }],
    }),
    new Thread({ target: countDown, args: [2] }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print("main: done");
});
