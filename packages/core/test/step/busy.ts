// A thread that waits on Date.now() never reaches a step point.
import { main, print, Thread } from "../../src/index.ts";

export function spin() {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {}
}

main(import.meta, () => {
  const t = new Thread({ target: spin });
  t.start();
  t.join();
  print("never printed");
});
