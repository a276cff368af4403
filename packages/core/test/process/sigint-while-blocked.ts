// With a SIGINT handler installed, Ctrl-C ends a main thread blocked in join
// ("blocked"); when main is not blocked, the handler runs ("free").
import { main, print, Thread } from "../../src/index.ts";
import { current } from "../../src/thread/context.ts";
import { STATE } from "../../src/thread/control.ts";

process.on("SIGINT", () => {
  print("handler ran");
  process.exit(0);
});

export function holdMain(): void {
  const word = new Int32Array(current().control!);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  // Poll until main waits on this thread's control block: notify returns how
  // many it woke (main's join loop just waits again). Then say so, and stay.
  while (Atomics.notify(word, STATE) === 0) Atomics.wait(pause, 0, 0, 1);
  print("main is blocked");
  Atomics.wait(pause, 0, 0);
}

export function quick(): void {}

main(import.meta, () => {
  if (process.argv[2] === "blocked") {
    const t = new Thread({ target: holdMain, daemon: true });
    t.start();
    t.join();
    return;
  }
  const t = new Thread({ target: quick });
  t.start();
  t.join();
  print(`listeners after join ${process.listenerCount("SIGINT")}`);
  process.kill(process.pid, "SIGINT");
});
