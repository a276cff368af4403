import { main, print, sharedInt32, Thread } from "@unravel/core";

export function sumTo(n: number, answer: Int32Array) {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += i;
  answer[0] = sum; // shared memory: the main thread sees it
  print(`thread: the sum of 1 to ${n} is ${answer[0]}`);
}

main(import.meta, () => {
  const answer = sharedInt32(1);
  const t = new Thread({ target: sumTo, args: [8, answer] });
  t.start();
  t.join();
  print(`main: the answer is ${answer[0]}`);
});
