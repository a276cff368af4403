import {
  Event,
  main,
  print,
  Queue,
  sharedInt32,
  Thread,
  ThreadPoolExecutor,
} from "@unravel/core";

const ITEMS = 8;
const WORKERS = 2;

// Read: one thread puts the items in a bounded queue, then null.
export function read(out: Queue<number | null>) {
  for (let i = 1; i <= ITEMS; i++) out.put(i);
  out.put(null); // nothing more
}

// Transform: runs in the pool, on any of its threads.
export function transform(n: number) {
  return n * n;
}

// Progress: a line when the count has moved, until `done` is set.
export function progress(count: Int32Array, done: Event) {
  let shown = 0;
  while (!done.wait(5)) {
    const now = Atomics.load(count, 0);
    if (now !== shown) print(`progress: ${now} of ${ITEMS}`);
    shown = now;
  }
  print(`progress: ${Atomics.load(count, 0)} of ${ITEMS}, done`);
}

main(import.meta, () => {
  const items = new Queue<number | null>(4);
  const count = sharedInt32(1);
  const done = new Event();
  const reader = new Thread({ target: read, args: [items] });
  const meter = new Thread({
    target: progress,
    args: [count, done],
  });
  reader.start();
  meter.start();
  using pool = new ThreadPoolExecutor({ maxWorkers: WORKERS });
  // TODO: take each item from `items` until null, transform it in
  // the pool, and print `item <n> → <result>` for each, in the
  // order read, adding one to `count` after each line.
  done.set();
  reader.join();
  meter.join();
});
