// One task at a time, each result awaited by spinning on result(0): the slot
// of a task is given to the next one the moment its result is drained. A
// worker that marked its slot finished only after sending the result could
// overwrite the next task's "pending" mark, and that task was never run.
import { main, print, ThreadPoolExecutor, TimeoutError } from "../../src/index.ts";

const TASKS = 20_000;

export function double(n: number): number {
  return n * 2;
}

main(import.meta, () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  let sum = 0;
  for (let i = 0; i < TASKS; i++) {
    const future = pool.submit(double, i);
    for (let spins = 0; ; spins++) {
      try {
        sum += future.result(0);
        break;
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
        if (spins > 1_000_000) throw new Error(`task ${i} never ran: ${String(future)}`);
      }
    }
  }
  pool.shutdown();
  print(`tasks ${TASKS} sum ${sum} of ${TASKS * (TASKS - 1)}`);
});
