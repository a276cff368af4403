// A thread's console.* lines appear at once, in order with print: while main
// is blocked in join ("blocked"), and when main calls process.exit ("exit").
import { Event, main, print, Thread } from "../../src/index.ts";

export function talk(said: Event, park: Int32Array): void {
  console.log("console.log 1");
  print("print 2");
  console.info("console.info %d", 3);
  print("print 4");
  console.warn("console.warn 5"); // stderr
  console.table([{ a: 6 }]);
  print("print 7");
  said.set();
  if (park.length) Atomics.wait(park, 0, 0); // "blocked": never released; the test ends us
}

main(import.meta, () => {
  const mode = process.argv[2];
  const said = new Event();
  const park = new Int32Array(new SharedArrayBuffer(mode === "blocked" ? 4 : 0));
  const t = new Thread({ target: talk, args: [said, park], daemon: mode === "blocked" });
  t.start();
  if (mode === "blocked") t.join(); // never returns
  said.wait();
  print("main exits");
  process.exit(0);
});
