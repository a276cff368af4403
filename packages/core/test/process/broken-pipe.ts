// Prints forever while a thread waits forever; run with stdout closed after
// a few lines (`| head -3`) it must end, not hang.
import { Event, main, print, Thread } from "../../src/index.ts";

export function waitForever(never: Event): void {
  never.wait();
}

main(import.meta, () => {
  new Thread({ target: waitForever, args: [new Event()] }).start();
  for (let i = 0; ; i++) print(`line ${i}`);
});
