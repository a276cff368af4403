// join() returns only after taskDone() was called for every item put.
import { main, print, Queue, sharedInt32, sleep, Thread } from "../../src/index.ts";

export function worker(queue: Queue<number>, done: Int32Array): void {
  for (;;) {
    const item = queue.get();
    if (item < 0) return;
    sleep(2);
    Atomics.add(done, 0, 1);
    queue.taskDone();
  }
}

main(import.meta, () => {
  const queue = new Queue<number>(5);
  const done = sharedInt32(1);
  const workers = [0, 1].map(() => new Thread({ target: worker, args: [queue, done] }));
  for (const t of workers) t.start();
  for (let i = 0; i < 20; i++) queue.put(i);
  queue.join();
  print(`all done at join ${done[0]}`);
  for (const _ of workers) queue.put(-1);
  for (const t of workers) t.join();
});
