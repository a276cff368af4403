// A worker whose initializer throws breaks the pool: queued tasks fail with
// BrokenExecutor and submit refuses. A result that cannot be copied back
// fails its future with a TypeError that says so. Bad arguments are named
// by their position; a Lock is told to travel through initargs; an
// anonymous task is told to be an exported function.
import {
  BrokenExecutor,
  Lock,
  main,
  print,
  setExcepthook,
  sleep,
  ThreadPoolExecutor,
} from "../../src/index.ts";

setExcepthook(() => {}); // keep stderr for real surprises

export function failingInit(): void {
  throw new Error("no database");
}

export function work(..._args: unknown[]): number {
  return 1;
}

export function returnsFunction(): () => void {
  return () => {};
}

main(import.meta, () => {
  const broken = new ThreadPoolExecutor({ maxWorkers: 1, initializer: failingInit });
  const queued = broken.submit(work);
  const error = queued.exception(10_000) as Error;
  print(`queued task ${error instanceof BrokenExecutor}`);
  let refused = false;
  for (let i = 0; i < 1000 && !refused; i++) {
    try {
      broken.submit(work).cancel();
      sleep(1);
    } catch (e) {
      refused = e instanceof BrokenExecutor;
    }
  }
  print(`submit refused ${refused}`);
  broken.shutdown();

  using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  try {
    pool.submit(work, 1, () => {});
  } catch (e) {
    print(`bad argument ${String(e).split(",")[0]}`);
  }
  try {
    pool.submit(work, 1, 2, 3, { rows: [0, new Lock()] });
  } catch (e) {
    const message = String(e);
    print(`lock argument ${message.split(",")[0]}`);
    print(`lock argument told initargs ${message.includes("through initargs")}`);
  }
  try {
    pool.submit(() => 1);
  } catch (e) {
    print(`anonymous task ${String(e).split(" (")[0]}`);
  }
  const bad = pool.submit(returnsFunction).exception(10_000) as Error;
  print(
    `unsendable result ${bad.name} ${bad.message.startsWith("the result of returnsFunction cannot be sent back")}`,
  );
  print(`unsendable result says ${bad.message.split(",")[0]}`);
});
