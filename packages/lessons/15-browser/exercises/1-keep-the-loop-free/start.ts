import { main, print, Queue, Thread } from "@unravel/core";

const WORK_MS = 200;

// Busy for `ms` milliseconds, then says so on the queue.
export function work(ms: number, done: Queue<string>) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // computing...
  }
  done.put(`worked ${ms} ms`);
}

main(import.meta, async () => {
  // A timer on this thread's event loop: it ticks only while the
  // thread is free to run callbacks.
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 10);
  const done = new Queue<string>();

  const a = new Thread({ target: work, args: [WORK_MS, done] });
  a.start();
  a.join(); // blocks this thread: no callback can run
  print(`join():            ${ticks} ticks while it waited`);

  ticks = 0;
  const b = new Thread({ target: work, args: [WORK_MS, done] });
  b.start();
  b.join(); // waits for b
  print(`await joinAsync(): ${ticks} ticks while it waited`);

  ticks = 0;
  done.get(); // a's line, already there
  done.get(); // b's line
  const c = new Thread({ target: work, args: [WORK_MS, done] });
  c.start();
  const line = await done.getAsync(); // the async twin of get()
  print(`await getAsync():  ${ticks} ticks while it waited`);
  print(`  and got "${line}"`);
  clearInterval(timer);
  c.join();
});
