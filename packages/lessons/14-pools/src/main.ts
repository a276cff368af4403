import {
  asCompleted,
  main,
  print,
  ThreadPoolExecutor,
} from "@unravel/core";

const LIMIT = 1_500_000; // count the primes below this
const TASKS = 12; // in this many tasks
const ROUNDS = 4; // timed runs of each pool, taking turns

// A task: an exported function, like a thread's target. Plain CPU
// work on its own numbers: its result comes back through a Future.
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
  return count;
}

const size = LIMIT / TASKS;
const froms = Array.from({ length: TASKS }, (_, i) => i * size);
const tos = froms.map((from) => from + size);

// The whole job on a pool: how long until every result was back.
function timed(pool: ThreadPoolExecutor) {
  const start = performance.now();
  let total = 0;
  for (const n of pool.map(countPrimes, froms, tos)) total += n;
  return { total, ms: performance.now() - start };
}

main(import.meta, () => {
  const cores = navigator.hardwareConcurrency;
  const n = Math.min(4, cores);
  print(`this machine: ${cores} cores, so a pool of ${n}`);
  print(`the job: the primes below ${LIMIT}, in ${TASKS} tasks`);
  using pool = new ThreadPoolExecutor({ maxWorkers: n });

  const first = pool.submit(countPrimes, 0, 100); // a Future
  print(`primes below 100: ${first.result()}`); // waits for it

  const counts = [...pool.map(countPrimes, froms, tos)];
  print(`map, in task order: ${counts.join(" ")}`);

  const futures = froms.map((from, i) =>
    pool.submit(countPrimes, from, tos[i]),
  );
  const done = [...asCompleted(futures)];
  const order = done.map((f) => futures.indexOf(f) + 1);
  print(`asCompleted, as they finished: ${order.join(" ")}`);

  // The same job on 1 thread and on n, taking turns, and the best
  // of each: a moment when another program had the cores counts
  // less. Each pool ran it once first, untimed: that starts its
  // threads and lets each thread's engine compile countPrimes.
  using solo = new ThreadPoolExecutor({ maxWorkers: 1 });
  timed(solo);
  let one = { total: 0, ms: Number.POSITIVE_INFINITY };
  let all = { total: 0, ms: Number.POSITIVE_INFINITY };
  for (let round = 0; round < ROUNDS; round++) {
    const a = timed(solo);
    const b = timed(pool);
    if (a.ms < one.ms) one = a;
    if (b.ms < all.ms) all = b;
  }
  const ms = (r: { ms: number }) => `${Math.round(r.ms)} ms`;
  print(`1 thread: ${one.total} primes in ${ms(one)}`);
  print(`${n} threads: ${all.total} primes in ${ms(all)}`);
  const speedUp = (one.ms / all.ms).toFixed(2);
  print(
    `speed-up: ${speedUp}× with ${n} threads on ${cores} cores`,
  );
});
