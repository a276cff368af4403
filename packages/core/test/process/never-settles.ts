// An async target whose promise can never settle: join returns, and the
// thread's error says so (not "exited with code 13").
import { main, print, setExcepthook, Thread } from "../../src/index.ts";

setExcepthook(({ exception }) => print(`hook: ${(exception as Error).message}`));

export async function waitForever(): Promise<void> {
  await new Promise(() => {});
}

main(import.meta, () => {
  const t = new Thread({ target: waitForever, name: "stuck" });
  t.start();
  print(`joined ${t.join()}`);
  print(`exception: ${t.exception?.message}`);
});
