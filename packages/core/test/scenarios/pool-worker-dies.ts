// Node only: a task that ends its worker thread (process.exit in a worker
// ends just that thread) fails with BrokenExecutor instead of leaving
// result() waiting forever; the queued tasks fail too, and submit refuses.
import {
  BrokenExecutor,
  main,
  print,
  setExcepthook,
  sleep,
  ThreadPoolExecutor,
} from "../../src/index.ts";

setExcepthook(() => {});

export function exitThread(): void {
  process.exit(3);
}

export function nap(ms: number): number {
  sleep(ms);
  return ms;
}

main(import.meta, () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  const dying = pool.submit(exitThread);
  const queued = pool.submit(nap, 1);
  const error = dying.exception(10_000) as Error;
  print(`dead worker's task ${error instanceof BrokenExecutor}`);
  print(
    `cause names the exit ${String((error.cause as Error)?.message).includes("exited with code 3")}`,
  );
  print(`queued task ${queued.exception(10_000) instanceof BrokenExecutor}`);
  let refused = false;
  try {
    pool.submit(nap, 1);
  } catch (e) {
    refused = e instanceof Error && e.message === "cannot schedule new futures after shutdown";
  }
  print(`submit refused ${refused}`);
  pool.shutdown();
  print("shutdown returned");
});
