// ThreadPoolExecutor.map returns results in input order although the tasks
// finish in reverse order (each sleeps less than the one before it).
import { main, print, sharedInt32, sleep, ThreadPoolExecutor } from "../../src/index.ts";

let finished: Int32Array | undefined;

export function keep(order: Int32Array): void {
  finished = order;
}

export function slowSquare(x: number, count: number): number {
  sleep((count - x) * 20); // the first item sleeps longest
  const at = Atomics.add(finished!, 0, 1) + 1;
  Atomics.store(finished!, at, x);
  return x * x;
}

main(import.meta, async () => {
  const count = 6;
  const order = sharedInt32(count + 1); // [how many finished, then items in finishing order]
  using pool = new ThreadPoolExecutor({ maxWorkers: count, initializer: keep, initargs: [order] });
  const results = [...pool.map(slowSquare, [0, 1, 2, 3, 4, 5], Array(count).fill(count))];
  print(`results ${results.join(",")}`);
  const finishing = Array.from(order.subarray(1));
  print(`finished out of order ${finishing.join(",") !== "0,1,2,3,4,5"}`);
  order.fill(0);
  const viaAsync: number[] = [];
  for await (const r of pool.mapAsync(slowSquare, [0, 1, 2, 3, 4, 5], Array(count).fill(count))) {
    viaAsync.push(r);
  }
  print(`mapAsync ${viaAsync.join(",")}`);
});
