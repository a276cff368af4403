import {
  main,
  print,
  sharedInt32,
  sleep,
  Thread,
} from "@unravel/core";

export function work(ms: number, result: Int32Array) {
  print("thread: working...");
  sleep(ms); // stands in for real work
  result[0] = 6 * 7; // the thread's answer
  print("thread: done");
}

export function forever() {
  for (;;) sleep(100); // never returns
}

main(import.meta, () => {
  const result = sharedInt32(1); // memory both threads see
  const t = new Thread({ target: work, args: [600, result] });
  t.start();
  print("main: waiting for the thread");

  // Wait at most 100 ms: false if the thread is still running.
  const ended = t.join(100);
  print(`main: after 100 ms, ended=${ended}, alive=${t.isAlive()}`);

  t.join(); // wait as long as it takes
  print(`main: joined, alive=${t.isAlive()}`);
  print(`main: the result is ${result[0]}`); // safe: t has ended

  // A daemon thread does not keep the program running.
  const d = new Thread({ target: forever, daemon: true });
  d.start();
  print(`main: daemon started, alive=${d.isAlive()}`);
  print("main: my last line; the program ends here");
});
