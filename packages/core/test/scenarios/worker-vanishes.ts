// A thread whose worker ends mid-thread (browser only): it closes its own
// worker and awaits forever, so its target never returns.
// join must return, and thread.exception say what happened.
import { main, print, Thread } from "../../src/index.ts";

export async function vanish(): Promise<void> {
  (globalThis as unknown as { close(): void }).close();
  await new Promise(() => {});
}

main(import.meta, () => {
  const t = new Thread({ target: vanish, name: "vanisher" });
  t.start();
  t.join();
  print(`joined, alive ${t.isAlive()}`);
  print(`exception: ${t.exception?.message}`);
});
