// Lines far longer than a pipe's atomic write (4 KiB), printed by several
// threads at once, each come out whole.
import { main, print, Thread } from "../../src/index.ts";

export const LENGTH = 50_000;
export const LINES = 40;

export function shout(letter: string, viaConsole: boolean): void {
  for (let i = 0; i < LINES; i++) {
    const line = letter.repeat(LENGTH);
    if (viaConsole) console.log(line);
    else print(line);
  }
}

main(import.meta, () => {
  const threads = ["a", "b", "c", "d"].map(
    (letter, i) => new Thread({ target: shout, args: [letter, i % 2 === 1] }),
  );
  for (const t of threads) t.start();
  shout("m", false);
  for (const t of threads) t.join();
});
