// An error of a class the program exports comes back from a thread and from
// a pool future as that class, although (the usual TypeScript idiom) the
// class sets no `name` of its own; a subclass keeps its fields too.
import { main, print, Thread, ThreadPoolExecutor } from "../../src/index.ts";

export class Plain extends Error {}

export class Coded extends Plain {
  code = 7;
}

export function throwsPlain(): void {
  throw new Plain("plain one");
}

export function throwsCoded(): void {
  throw new Coded("coded one");
}

main(import.meta, () => {
  const t = new Thread({ target: throwsPlain });
  t.start();
  t.join();
  const error = t.exception;
  print(`thread: Plain ${error instanceof Plain}, name ${error?.name}, message ${error?.message}`);
  using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  const coded = pool.submit(throwsCoded).exception() as Coded;
  print(
    `future: Coded ${coded instanceof Coded}, Plain ${coded instanceof Plain}, code ${coded.code}, message ${coded.message}`,
  );
});
