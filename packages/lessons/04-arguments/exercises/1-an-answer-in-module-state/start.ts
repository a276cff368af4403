import { main, print, Thread } from "@unravel/core";

let answer = 0; // module state: every thread has its own copy

export function sumTo(n: number) {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += i;
  answer = sum;
  print(`thread: the sum of 1 to ${n} is ${answer}`);
}

main(import.meta, () => {
  const t = new Thread({ target: sumTo, args: [8] });
  t.start();
  t.join();
  print(`main: the answer is ${answer}`);
});
