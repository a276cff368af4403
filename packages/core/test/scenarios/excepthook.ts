// A program replaces the report of a thread's error (Python's threading.excepthook).
import { main, print, setExcepthook, Thread } from "../../src/index.ts";

// At the top level, so that every thread (each imports this module) installs it.
setExcepthook(({ exception, thread }) => {
  print(`hook: ${thread.name} failed with ${(exception as Error).message}`);
});

export function fails(): void {
  throw new Error("disk full");
}

main(import.meta, () => {
  const t = new Thread({ target: fails, name: "writer" });
  t.start();
  t.join();
  print(`joined, exception ${t.exception?.message}`);
});
