// 4 producers × 100,000 items through a bounded Queue to 4 consumers: every
// item must arrive exactly once (counted per item in shared memory).
import { main, print, Queue, sharedInt32, sharedUint8, Thread } from "../../src/index.ts";

const PRODUCERS = 4;
const CONSUMERS = 4;
const ITEMS = 100_000; // per producer
const DONE = -1;

export function produce(queue: Queue<number>, first: number): void {
  for (let i = 0; i < ITEMS; i++) queue.put(first + i);
}

export function consume(queue: Queue<number>, seen: Uint8Array, got: Int32Array): void {
  for (let item = queue.get(); item !== DONE; item = queue.get()) {
    Atomics.add(seen, item, 1);
    Atomics.add(got, 0, 1);
  }
}

main(import.meta, () => {
  const started = performance.now();
  const queue = new Queue<number>(64);
  const seen = sharedUint8(PRODUCERS * ITEMS);
  const got = sharedInt32(1);
  const consumers = Array.from(
    { length: CONSUMERS },
    () => new Thread({ target: consume, args: [queue, seen, got] }),
  );
  const producers = Array.from(
    { length: PRODUCERS },
    (_, p) => new Thread({ target: produce, args: [queue, p * ITEMS] }),
  );
  for (const t of [...consumers, ...producers]) t.start();
  for (const t of producers) t.join();
  for (let c = 0; c < CONSUMERS; c++) queue.put(DONE);
  for (const t of consumers) t.join();
  let once = 0;
  for (const count of seen) if (count === 1) once++;
  print(`delivered ${got[0]}`);
  print(`exactly once ${once}`);
  print(`left ${queue.qsize()}`);
  print(`ms ${Math.round(performance.now() - started)}`);
});
