// Six threads share a Semaphore(2): never more than two inside at once.
// A BoundedSemaphore released past its value throws in the thread, unchanged.
import {
  BoundedSemaphore,
  main,
  print,
  Semaphore,
  sharedInt32,
  sleep,
  Thread,
} from "../../src/index.ts";

export function worker(slots: Semaphore, inside: Int32Array): void {
  for (let i = 0; i < 20; i++) {
    using _slot = slots.hold();
    const now = Atomics.add(inside, 0, 1) + 1;
    Atomics.store(inside, 1, Math.max(Atomics.load(inside, 1), now)); // racy max, only ever raised
    sleep(1);
    Atomics.sub(inside, 0, 1);
  }
}

export function overRelease(bounded: BoundedSemaphore, result: Int32Array): void {
  bounded.acquire();
  bounded.release();
  try {
    bounded.release();
  } catch (error) {
    if (error instanceof RangeError && error.message === "Semaphore released too many times")
      result[0] = 1;
  }
  result[1] = bounded.value;
}

main(import.meta, () => {
  const slots = new Semaphore(2);
  const inside = sharedInt32(2);
  const threads = Array.from(
    { length: 6 },
    () => new Thread({ target: worker, args: [slots, inside] }),
  );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`most inside at once ${inside[1]! <= 2 ? "at most 2" : inside[1]}`);
  print(`value after ${slots.value}`);
  const bounded = new BoundedSemaphore(1);
  const result = sharedInt32(2);
  const t = new Thread({ target: overRelease, args: [bounded, result] });
  t.start();
  t.join();
  print(`over-release refused ${result[0] === 1} value ${result[1]}`);
  print(
    `non-blocking acquire ${bounded.acquire({ blocking: false })} then ${bounded.acquire({ blocking: false })}`,
  );
});
