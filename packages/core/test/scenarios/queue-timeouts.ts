// Timed puts and gets that give up leave the queue as if they never tried:
// 3 producers put 2,000 numbered items each into a Queue(4) (and a
// LifoQueue(4), a PriorityQueue(4)) with timeouts of 0, 0.02 and 1 ms,
// retrying on Full; 3 consumers get with the same timeouts, retrying on
// Empty. Every item arrives exactly once (a timed-out put that stored its
// item would deliver it twice, a timed-out get that took one would lose
// it), qsize() ends at 0 and join() returns after every taskDone().
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
const TAKEN = 2; // fails[TAKEN]: items taken so far

export function produce(
  queue: Queue<number>,
  first: number,
  timeout: number,
  fails: Int32Array,
): void {
  for (let i = first; i < first + PER; i++) {
    for (;;) {
      try {
        queue.put(i, { timeout });
        break;
      } catch (error) {
        if (!(error instanceof Full)) throw error;
        Atomics.add(fails, 0, 1);
      }
    }
  }
}

/** Takes items until all of them were taken (TAKEN counts them across consumers). */
export function consume(
  queue: Queue<number>,
  seen: Int32Array,
  timeout: number,
  fails: Int32Array,
): void {
  while (Atomics.load(fails, TAKEN) < 3 * PER) {
    let item: number;
    try {
      item = queue.get({ timeout });
    } catch (error) {
      if (!(error instanceof Empty)) throw error;
      Atomics.add(fails, 1, 1);
      continue;
    }
    Atomics.add(seen, item, 1);
    Atomics.add(fails, TAKEN, 1);
    queue.taskDone();
  }
}

function run(name: string, queue: Queue<number>): void {
  const seen = sharedInt32(3 * PER);
  const fails = sharedInt32(3);
  const threads = TIMEOUTS.flatMap((timeout, k) => [
    new Thread({ target: produce, args: [queue, k * PER, timeout, fails] }),
    new Thread({ target: consume, args: [queue, seen, timeout, fails] }),
  ]);
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  queue.join();
  const once = seen.filter((n) => n === 1).length;
  print(
    `${name} exactly once ${once} left ${queue.qsize()} timed out ${fails[0]! + fails[1]! > 0}`,
  );
}

main(import.meta, () => {
  run("Queue", new Queue<number>(4));
  run("LifoQueue", new LifoQueue<number>(4));
  run("PriorityQueue", new PriorityQueue<number>(4));
});
