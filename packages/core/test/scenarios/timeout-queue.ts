// Timed put and get under contention: two producers put the numbers 0 to
// 2,999 (one the even, one the odd) into a Queue(2) with put({ timeout }),
// and three consumers take them with get({ timeout }), timeouts of 0 to 1 ms,
// blocking and async. A put that throws Full put nothing (the producer puts
// the same number again), a get that throws Empty took nothing: every number
// comes out exactly once, each producer's in order, and the queue ends
// empty. The same for a SimpleQueue's timed get. Everyone starts at one
// barrier: a worker starts in tens of milliseconds, and producers that had
// put all 3,000 before the consumers came would leave no get to time out.
import {
  Barrier,
  Empty,
  Full,
  main,
  print,
  Queue,
  SimpleQueue,
  sharedInt32,
  Thread,
} from "../../src/index.ts";

const ITEMS = 3_000;
const PRODUCERS = 2; // producer k puts k, k + 2, k + 4, …
const CONSUMERS = 3;
const TIMEOUTS = [0, 0.02, 0.2, 1];

const FULLS = 0;
const EMPTIES = 1;
const OUT_OF_ORDER = 2; // a producer's numbers came to a consumer out of order
const OVERFULL = 3; // qsize() above maxsize after a Full
const TAKEN = 4; // items got, by all consumers
const PRODUCED = 5; // producers done
const CELLS = 6;

type AnyQueue = Queue<number> | SimpleQueue<number>;

function spin(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until) {}
}

export async function producer(q: AnyQueue, cells: Int32Array, k: number, go: Barrier) {
  go.wait();
  for (let i = k, tries = 0; i < ITEMS; tries++) {
    if (q instanceof SimpleQueue) {
      q.put(i); // never full
      i += PRODUCERS;
      spin(tries % 5 === 0 ? 200 : 5);
      continue;
    }
    const timeout = TIMEOUTS[tries % TIMEOUTS.length]!;
    try {
      if (tries % 2) await q.putAsync(i, { timeout });
      else q.put(i, { timeout });
      i += PRODUCERS;
    } catch (error) {
      if (!(error instanceof Full)) throw error;
      Atomics.add(cells, FULLS, 1);
      if (q.qsize() > q.maxsize) Atomics.add(cells, OVERFULL, 1);
    }
  }
  Atomics.add(cells, PRODUCED, 1);
}

export async function consumer(q: AnyQueue, cells: Int32Array, seen: Int32Array, go: Barrier) {
  go.wait();
  const last = Array.from({ length: PRODUCERS }, () => -1);
  for (let tries = 0; Atomics.load(cells, TAKEN) < ITEMS; tries++) {
    const timeout = TIMEOUTS[tries % TIMEOUTS.length]!;
    try {
      const item = tries % 2 ? await q.getAsync({ timeout }) : q.get({ timeout });
      Atomics.add(seen, item, 1);
      if (item <= last[item % PRODUCERS]!) Atomics.add(cells, OUT_OF_ORDER, 1);
      last[item % PRODUCERS] = item;
      Atomics.add(cells, TAKEN, 1);
      if (q instanceof Queue) q.taskDone();
    } catch (error) {
      if (!(error instanceof Empty)) throw error;
      Atomics.add(cells, EMPTIES, 1);
      // Every item is put and the queue is empty: one lost would never come.
      if (Atomics.load(cells, PRODUCED) === PRODUCERS && q.empty()) break;
    }
    if (tries % 7 === 0) spin(30); // now and then let the queue fill
  }
}

function contend(name: string, q: AnyQueue): void {
  const cells = sharedInt32(CELLS);
  const seen = sharedInt32(ITEMS);
  const go = new Barrier(PRODUCERS + CONSUMERS);
  const threads = [
    ...Array.from(
      { length: PRODUCERS },
      (_, k) => new Thread({ target: producer, args: [q, cells, k, go] }),
    ),
    ...Array.from(
      { length: CONSUMERS },
      () => new Thread({ target: consumer, args: [q, cells, seen, go] }),
    ),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const once = seen.filter((n) => n === 1).length;
  print(
    `${name} exactly once ${once} of ${ITEMS} out of order ${cells[OUT_OF_ORDER]} overfull ${cells[OVERFULL]}`,
  );
  print(`${name} left ${q.qsize()} empty ${q.empty()}`);
  const timedOut =
    q instanceof Queue ? cells[FULLS]! > 0 && cells[EMPTIES]! > 0 : cells[EMPTIES]! > 0;
  print(`${name} timed out some ${timedOut}`);
}

main(import.meta, () => {
  const q = new Queue<number>(2);
  contend("Queue", q);
  q.join(); // every item was marked done: returns at once
  print(`Queue full after ${q.full()} join returns true`);
  contend("SimpleQueue", new SimpleQueue<number>());
});
