import {
  main,
  print,
  sharedInt32,
  ThreadPoolExecutor,
} from "@unravel/core";

const LIMIT = 20_000; // count the primes below this
const TASKS = 4; // in this many tasks

let total: Int32Array; // this worker's view of the shared total

// Each worker runs it once, before its first task.
export function keep(shared: Int32Array) {
  total = shared;
}

// A task: counts its range, and adds its count to the total.
export function countPrimes(from: number, to: number): number {
  let count = 0;
  for (let n = Math.max(from, 2); n < to; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  Atomics.add(total, 0, count);
  return count;
}

main(import.meta, () => {
  const shared = sharedInt32(1);
  using pool = new ThreadPoolExecutor({
    maxWorkers: 2,
    initializer: keep,
    initargs: [shared],
  });
  print(`the job: the primes below ${LIMIT}, in ${TASKS} tasks`);
  const size = LIMIT / TASKS;
  const futures = [];
  for (let i = 0; i < TASKS; i++)
    futures.push(
      pool.submit(countPrimes, i * size, (i + 1) * size),
    );
  print(`total: ${Atomics.load(shared, 0)} primes`);
});
