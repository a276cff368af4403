import { main, print, sleep, Thread } from "@unravel/core";

export function work(ms: number) {
  print("thread: working...");
  sleep(ms); // stands in for real work
  print("thread: done");
}

main(import.meta, () => {
  const t = new Thread({ target: work, args: [600] });
  t.start();
  print("main: waiting for the thread");

  // Wait at most 100 ms: false if the thread is still running.
  const ended = t.join(100);
  print(`main: after 100 ms, ended=${ended}, alive=${t.isAlive()}`);

  t.join(); // wait as long as it takes
  print(`main: joined, alive=${t.isAlive()}`);
  print("main: the thread is done, so this line is last");
});
