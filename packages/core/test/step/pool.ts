// A thread pool in step mode: two workers, three tasks, the results in order.
import { main, print, ThreadPoolExecutor } from "../../src/index.ts";

export function square(x: number) {
  return x * x;
}

main(import.meta, () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  const futures = [1, 2, 3].map((x) => pool.submit(square, x));
  print(futures.map((f) => f.result()).join(" "));
  pool.shutdown();
});
