import { main, print, Thread } from "@unravel/core";

// The thread's target: an ordinary function, exported so that the
// new thread can find it.
export function greet() {
  print("thread: hello from the new thread");
}

export function wave() {
  print("thread 2: waving");
}

main(import.meta, () => {
  const t = new Thread({ target: greet }); // created, not running
  print("main: thread created");
  t.start(); // now it runs, alongside this one
  const t2 = new Thread({ target: wave });
  t2.start(); // and this one too
  print("main: thread started");
  print("main: my last line");
});
