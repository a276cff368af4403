// A Barrier whose wait times out breaks for every waiter; abort() breaks it
// for waiters in other threads; reset() makes it usable again.
import { Barrier, BrokenBarrierError, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function arrive(barrier: Barrier, broken: Int32Array, timeout: number): void {
  try {
    barrier.wait(timeout);
  } catch (error) {
    if (error instanceof BrokenBarrierError) Atomics.add(broken, 0, 1);
  }
}

function waitUntil(check: () => boolean): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 10_000 && !check(); i++) Atomics.wait(nap, 0, 0, 1);
}

main(import.meta, () => {
  // Three parties, two arrive: the one with the short timeout breaks it for both.
  const barrier = new Barrier(3);
  const broken = sharedInt32(1);
  const patient = new Thread({ target: arrive, args: [barrier, broken, 10_000] });
  const hasty = new Thread({ target: arrive, args: [barrier, broken, 100] });
  patient.start();
  waitUntil(() => barrier.nWaiting === 1);
  hasty.start();
  patient.join();
  hasty.join();
  print(`timeout broke it for ${broken[0]} broken ${barrier.broken}`);
  let refused = false;
  try {
    barrier.wait(1000);
  } catch (error) {
    refused = error instanceof BrokenBarrierError;
  }
  print(`later wait refused ${refused}`);
  barrier.reset();
  print(`after reset broken ${barrier.broken}`);

  // abort() from main while two threads wait.
  broken[0] = 0;
  const waiters = [0, 1].map(() => new Thread({ target: arrive, args: [barrier, broken, 10_000] }));
  for (const t of waiters) t.start();
  waitUntil(() => barrier.nWaiting === 2);
  barrier.abort();
  for (const t of waiters) t.join();
  print(`abort broke it for ${broken[0]}`);

  // reset() while two wait: they get BrokenBarrierError, and it is usable at once.
  barrier.reset();
  broken[0] = 0;
  const resetWaiters = [0, 1].map(
    () => new Thread({ target: arrive, args: [barrier, broken, 10_000] }),
  );
  for (const t of resetWaiters) t.start();
  waitUntil(() => barrier.nWaiting === 2);
  barrier.reset();
  for (const t of resetWaiters) t.join();
  print(`reset broke it for ${broken[0]} broken after ${barrier.broken}`);
  const full = [0, 1].map(() => new Thread({ target: arrive, args: [barrier, broken, 10_000] }));
  for (const t of full) t.start();
  const index = barrier.wait(10_000);
  for (const t of full) t.join();
  print(`a full round after reset ${index >= 0 && index < 3} broken ${broken[0]}`);
});
