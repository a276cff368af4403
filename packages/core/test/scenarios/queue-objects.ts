// Structured items of every size cross between threads whole: 2 producers
// × 2 consumers × 3,000 items, each item carrying a checksum of itself,
// through a bounded queue that fills often (its blocks are reused again and
// again). An item that cannot be copied is refused and changes nothing.
import { main, print, Queue, sharedInt32, Thread } from "../../src/index.ts";

type Item = {
  id: number;
  text: string;
  values: number[];
  tags: Map<string, Set<number>>;
  sum: number;
};

function checksum(text: string, values: number[]): number {
  let sum = text.length;
  for (const v of values) sum = (sum * 31 + v) | 0;
  return sum;
}

export function produce(queue: Queue<Item | null>, first: number): void {
  for (let i = first; i < first + 3_000; i++) {
    const size = (i * 7919) % 600; // 0..599 numbers: up to ~90 chunks
    const values = Array.from({ length: size }, (_, k) => (i * k) % 1000);
    const text = `${"x".repeat(i % 300)}é`;
    queue.put({
      id: i,
      text,
      values,
      tags: new Map([["n", new Set([i])]]),
      sum: checksum(text, values),
    });
  }
}

export function consume(queue: Queue<Item | null>, seen: Int32Array, bad: Int32Array): void {
  for (let item = queue.get(); item !== null; item = queue.get()) {
    const whole = item.sum === checksum(item.text, item.values) && item.tags.get("n")?.has(item.id);
    if (!whole) Atomics.add(bad, 0, 1);
    Atomics.add(seen, item.id, 1);
  }
}

main(import.meta, () => {
  const queue = new Queue<Item | null>(16);
  const seen = sharedInt32(6_000);
  const bad = sharedInt32(1);
  const consumers = [0, 1].map(() => new Thread({ target: consume, args: [queue, seen, bad] }));
  const producers = [0, 3_000].map(
    (first) => new Thread({ target: produce, args: [queue, first] }),
  );
  for (const t of [...consumers, ...producers]) t.start();
  for (const t of producers) t.join();
  for (const _ of consumers) queue.put(null);
  for (const t of consumers) t.join();
  print(`exactly once ${seen.filter((n) => n === 1).length}`);
  print(`torn ${bad[0]}`);
  let error = "";
  try {
    queue.put({
      id: -1,
      text: "y".repeat(100_000),
      values: [() => 0] as never,
      tags: new Map(),
      sum: 0,
    });
  } catch (e) {
    error = (e as Error).name;
  }
  print(`refused ${error} size after ${queue.qsize()}`);
});
