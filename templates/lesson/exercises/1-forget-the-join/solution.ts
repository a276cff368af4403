import { main, print, Thread } from "@unravel/core";

// A thread's target: an ordinary function, exported so that
// the new thread can find it.
export function work(name: string, steps: number) {
  for (let i = 1; i <= steps; i++) {
    print(`${name}: step ${i} of ${steps}`);
  }
}

main(import.meta, () => {
  const t = new Thread({ target: work, args: ["worker", 3] });
  t.start();
  print("main: started the worker");
  t.join(); // wait until it is done
  print("main: joined the worker, so this line is last");
});
