import { main, print, Thread } from "@unravel/core";

// The thread's target: an ordinary function, exported so that the
// new thread can find it.
export function greet() {
  print("thread: hello from the new thread");
}

main(import.meta, () => {
  const t = new Thread({ target: greet }); // created, not running
  print("main: thread created");
  t.start(); // now it runs, alongside this one
  print("main: thread started");
  print("main: my last line");
});
