// A thread sees process.argv, execArgv and env as main had them at its start().
import { main, print, Thread } from "../../src/index.ts";

const verbose = process.argv.includes("-v"); // top-level code runs in every thread

export function show(label: string): void {
  const { argv, execArgv, env } = process;
  print(JSON.stringify({ label, verbose, argv, execArgv, x: env.UNRAVEL_TEST_X ?? null }));
}

main(import.meta, () => {
  for (const x of ["one", "two", "three"]) {
    process.env.UNRAVEL_TEST_X = x; // changed before each start(): the spare was made before
    const t = new Thread({ target: show, args: [`thread ${x}`] });
    t.start();
    t.join();
    show(`main ${x}`);
  }
});
