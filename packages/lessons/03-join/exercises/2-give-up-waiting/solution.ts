import { main, print, sleep, Thread } from "@unravel/core";

export function work(ms: number) {
  print("thread: working...");
  sleep(ms); // stands in for slow work
  print("thread: done");
}

main(import.meta, () => {
  const t = new Thread({ target: work, args: [600] });
  t.start();
  if (!t.join(100)) print("main: still waiting after 100 ms");
  t.join(); // waits as long as it takes
  print("main: joined");
});
