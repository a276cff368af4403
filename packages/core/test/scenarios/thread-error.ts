// An error thrown in a thread reaches the code that joins it, with its class name, stack and cause.
import { main, print, Thread } from "../../src/index.ts";

class ParseError extends Error {
  override name = "ParseError";
}

export function fails(): void {
  throw new ParseError("bad row 7", { cause: new RangeError("column out of range") });
}

main(import.meta, () => {
  const t = new Thread({ target: fails, name: "parser" });
  t.start();
  t.join();
  const error = t.exception;
  print(`name ${error?.name}`);
  print(`message ${error?.message}`);
  print(`stack names fails ${error?.stack?.includes("fails") ?? false}`);
  print(
    `cause ${(error?.cause as Error | undefined)?.name}: ${(error?.cause as Error | undefined)?.message}`,
  );
});
