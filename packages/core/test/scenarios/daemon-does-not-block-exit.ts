// A daemon thread that never ends does not keep the program alive (Python's daemon=True).
import { main, print, sleep, Thread } from "../../src/index.ts";

export function forever(): void {
  for (;;) sleep(10);
}

main(import.meta, () => {
  const t = new Thread({ target: forever, daemon: true, name: "forever" });
  t.start();
  print(`daemon ${t.daemon} alive ${t.isAlive()}`);
  print("main done");
});
