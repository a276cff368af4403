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

main(import.meta, () => {
  const result = sharedInt32(1); // memory both threads see
  const t = new Thread({ target: work, args: [200, result] });
  t.start();
  t.join(); // first wait for the thread to end...
  print("main: joined");
  print(`main: the result is ${result[0]}`); // ...then read it
});
