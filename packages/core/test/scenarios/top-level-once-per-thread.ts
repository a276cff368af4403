// Module code runs once per thread (each thread imports the module), so a
// top-level print shows once for main and once per thread — never for a
// spare worker started ahead that runs no thread.
import { main, print, Thread } from "../../src/index.ts";

print("module loaded");

export function work(): void {}

main(import.meta, () => {
  for (let i = 0; i < 3; i++) {
    const t = new Thread({ target: work });
    t.start();
    t.join();
  }
  print("main done");
});
