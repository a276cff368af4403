// A thread's console lines reach the program's output, in order with print,
// while main is blocked in join (the browser posts them to the page).
import { main, print, Thread } from "../../src/index.ts";

export function talk(): void {
  console.log("console.log 1");
  print("print 2");
  console.info("console.info", 3);
  print("print 4");
}

main(import.meta, () => {
  const t = new Thread({ target: talk });
  t.start();
  t.join();
  print("main after join");
});
