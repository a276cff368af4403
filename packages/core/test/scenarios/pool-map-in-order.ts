// ThreadPoolExecutor.map returns results in input order although the tasks
// finish in reverse order: each waits until every later item has finished
// (a parked cell, not a sleep, so the order holds on a loaded machine too).
import { main, print, sharedInt32, ThreadPoolExecutor } from "../../src/index.ts";

let finished: Int32Array | undefined;

export function keep(order: Int32Array): void {
  finished = order;
}

export function slowSquare(x: number, count: number): number {
  const done = finished!;
  // Item x finishes after the count - 1 - x items above it (there is a worker per item).
  for (let n = Atomics.load(done, 0); n < count - 1 - x; n = Atomics.load(done, 0)) {
    Atomics.wait(done, 0, n, 10_000);
  }
  const at = Atomics.add(done, 0, 1) + 1;
  Atomics.store(done, at, x);
  Atomics.notify(done, 0);
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
