import { main, print, Queue, Thread } from "@unravel/core";

export function sumOfSquares(n: number, results: Queue<number>) {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += i * i;
  print(`worker: the sum of squares up to ${n} is ready`);
  // TODO: hand `sum` to the main thread through `results`
}

main(import.meta, () => {
  const results = new Queue<number>();
  const t = new Thread({
    target: sumOfSquares,
    args: [5, results],
  });
  t.start();
  print("main: waiting for the answer");
  const answer = "unknown"; // TODO: take it from `results`
  print(`main: the answer is ${answer}`);
  t.join();
});
