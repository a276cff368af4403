// Timed puts and gets that give up leave the queue as if they never tried:
// 3 producers put 2,000 numbered items each (as [i], an encoded item, so
// that a put that gives up must also give back its item's memory) into a Queue(4) (and a
// LifoQueue(4), a PriorityQueue(4)) with timeouts of 0, 0.02 and 1 ms,
// retrying on Full; 3 consumers get with the same timeouts, retrying on
// Empty. Every item arrives exactly once (a timed-out put that stored its
// item would deliver it twice, a timed-out get that took one would lose
// it), qsize() ends at 0 and every put is matched by one taskDone().
import {
  Empty,
  Full,
  LifoQueue,
  main,
  PriorityQueue,
  print,
  Queue,
  sharedInt32,
  Thread,
} from "../../src/index.ts";

const PER = 2_000;
const TIMEOUTS = [0, 0.02, 1];
const DONE = 2; // fails[DONE]: 1 once every producer has returned

export function produce(
  queue: Queue<number[]>,
  first: number,
  timeout: number,
  fails: Int32Array,
): void {
  for (let i = first; i < first + PER; i++) {
    for (;;) {
      try {
        queue.put([i], { timeout });
        break;
      } catch (error) {
        if (!(error instanceof Full)) throw error;
        Atomics.add(fails, 0, 1);
      }
    }
  }
}

/** Takes items until the producers are done (DONE) and the queue is empty. */
export function consume(
  queue: Queue<number[]>,
  seen: Int32Array,
  timeout: number,
  fails: Int32Array,
): void {
  for (;;) {
    const done = Atomics.load(fails, DONE) === 1; // read before the get: an Empty after DONE is final
    let item: number[];
    try {
      item = queue.get({ timeout });
    } catch (error) {
      if (!(error instanceof Empty)) throw error;
      Atomics.add(fails, 1, 1);
      if (done) return;
      continue;
    }
    Atomics.add(seen, item[0]!, 1);
    queue.taskDone();
  }
}

function run(name: string, queue: Queue<number[]>): void {
  const seen = sharedInt32(3 * PER);
  const fails = sharedInt32(3);
  const threads = TIMEOUTS.flatMap((timeout, k) => [
    new Thread({ target: produce, args: [queue, k * PER, timeout, fails] }),
    new Thread({ target: consume, args: [queue, seen, timeout, fails] }),
  ]);
  for (const t of threads) t.start();
  for (const t of threads.filter((_, i) => i % 2 === 0)) t.join();
  Atomics.store(fails, DONE, 1);
  for (const t of threads) t.join();
  const once = seen.filter((n) => n === 1).length;
  // Every put was matched by a taskDone: one more is refused (join() would return).
  let balanced = false;
  try {
    queue.taskDone();
  } catch (error) {
    balanced = error instanceof RangeError;
  }
  print(
    `${name} exactly once ${once} left ${queue.qsize()} tasks balanced ${balanced} timed out ${fails[0]! + fails[1]! > 0}`,
  );
}

main(import.meta, () => {
  run("Queue", new Queue<number[]>(4));
  run("LifoQueue", new LifoQueue<number[]>(4));
  run("PriorityQueue", new PriorityQueue<number[]>(4));
});
