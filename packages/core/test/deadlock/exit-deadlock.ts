// Main starts two threads that deadlock, and returns without joining: the
// program waits for them at exit, as Python does, forever. Reported too.
// `node exit-deadlock.ts timer`: a timer of main sets the Event they wait for
// instead (not stuck: main's event loop has work), and the program ends.
import { Event, Lock, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function first(a: Lock, b: Lock, held: Int32Array, go: Event): void {
  go.wait();
  using _a = a.hold();
  Atomics.add(held, 0, 1);
  Atomics.notify(held, 0);
  while (Atomics.load(held, 0) < 2) Atomics.wait(held, 0, Atomics.load(held, 0));
  using _b = b.hold(); // FIRST WAITS HERE
}

export function second(a: Lock, b: Lock, held: Int32Array, go: Event): void {
  go.wait();
  using _b = b.hold();
  Atomics.add(held, 0, 1);
  Atomics.notify(held, 0);
  while (Atomics.load(held, 0) < 2) Atomics.wait(held, 0, Atomics.load(held, 0));
  using _a = a.hold(); // SECOND WAITS HERE
}

export function waiter(go: Event): void {
  go.wait(); // WAITER WAITS HERE
  print("waiter woke");
}

main(import.meta, () => {
  const go = new Event();
  if (process.argv[2] === "timer") {
    new Thread({ target: waiter, args: [go] }).start();
    setTimeout(() => go.set(), 600);
    return;
  }
  const [a, b, held] = [new Lock(), new Lock(), sharedInt32(1)];
  new Thread({ target: first, args: [a, b, held, go], name: "first" }).start();
  new Thread({ target: second, args: [a, b, held, go], name: "second" }).start();
  go.set();
  print("main returns");
});
