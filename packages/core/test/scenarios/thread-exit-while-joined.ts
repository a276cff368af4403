// Node only: a thread that calls process.exit ends just its worker; a join
// that is blocked at that moment returns, and the thread's error says why.
import { main, print, setExcepthook, Thread } from "../../src/index.ts";

setExcepthook(() => {});

export function leave(): void {
  process.exit(3);
}

main(import.meta, () => {
  const t = new Thread({ target: leave, name: "leaver" });
  t.start();
  print(`join returned ${t.join(10_000)} alive ${t.isAlive()}`);
  print(`exception ${t.exception?.message}`);
});
