import { main, print, Queue, Thread } from "@unravel/core";

export function sumOfSquares(n: number, results: Queue<number>) {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += i * i;
  print(`worker: the sum of squares up to ${n} is ready`);
  results.put(sum); // the result travels to the main thread
}

main(import.meta, () => {
  const results = new Queue<number>();
  const t = new Thread({
    target: sumOfSquares,
    args: [5, results],
  });
  t.start();
  print("main: waiting for the answer");
  const answer = results.get(); // waits until the worker has put it
  print(`main: the answer is ${answer}`);
  t.join();
});
