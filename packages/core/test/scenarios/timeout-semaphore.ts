// Timed Semaphore and BoundedSemaphore acquires under contention: two holder
// threads take a permit of a semaphore of 2 again and again, while two more
// try acquire({ timeout }) with timeouts of 0 to 1 ms, blocking and async.
// Never more than 2 inside; a false acquire takes no permit and a true one
// exactly one, so the value ends where it began, and a BoundedSemaphore is
// never released past its value.
import { BoundedSemaphore, main, print, Semaphore, sharedInt32, Thread } from "../../src/index.ts";

const PERMITS = 2;
const ROUNDS = 600; // timed acquires per tryer
const TIMEOUTS = [0, 0.01, 0.1, 1];
const LONG = 5_000; // ms: a holder that waits this long found the permits leaked

const INSIDE = 0;
const OVER = 1; // more than PERMITS inside at once
const LEAKED = 2; // a holder's long acquire failed
const OVER_RELEASED = 3; // a BoundedSemaphore refused a release: a permit too many
const STOP = 4;
const FALSES = 5;
const TRUES = 6;
const STARTED = 7;
const CELLS = 8;
const HOLDERS = 2;
const TRYERS = 2;

function spin(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until) {}
}

function inside(cells: Int32Array, us: number): void {
  if (Atomics.add(cells, INSIDE, 1) >= PERMITS) Atomics.add(cells, OVER, 1);
  spin(us);
  Atomics.sub(cells, INSIDE, 1);
}

function giveBack(sem: Semaphore, cells: Int32Array): void {
  try {
    sem.release();
  } catch {
    Atomics.add(cells, OVER_RELEASED, 1);
  }
}

export function holder(sem: Semaphore, cells: Int32Array): void {
  Atomics.add(cells, STARTED, 1);
  Atomics.notify(cells, STARTED);
  for (let i = 0; Atomics.load(cells, STOP) < TRYERS && Atomics.load(cells, LEAKED) === 0; i++) {
    if (!sem.acquire({ timeout: LONG })) {
      Atomics.store(cells, LEAKED, 1);
      return;
    }
    inside(cells, i % 8 === 0 ? 100 : 15);
    giveBack(sem, cells);
    spin(2);
  }
}

export async function tryer(sem: Semaphore, cells: Int32Array): Promise<void> {
  for (let n = Atomics.load(cells, STARTED); n < HOLDERS; n = Atomics.load(cells, STARTED))
    Atomics.wait(cells, STARTED, n, 1_000);
  try {
    for (let i = 0; i < ROUNDS && Atomics.load(cells, LEAKED) === 0; i++) {
      // Meet a semaphore with no permit free (spinning at most 0.3 ms for it).
      const until = performance.now() + 0.3;
      while (sem.value > 0 && performance.now() < until) {}
      const timeout = TIMEOUTS[i % TIMEOUTS.length]!;
      const acquired = i % 2 ? await sem.acquireAsync({ timeout }) : sem.acquire({ timeout });
      Atomics.add(cells, acquired ? TRUES : FALSES, 1);
      if (acquired) {
        inside(cells, 1);
        giveBack(sem, cells);
      }
    }
  } finally {
    Atomics.add(cells, STOP, 1);
  }
}

function contend(name: string, sem: Semaphore): void {
  const cells = sharedInt32(CELLS);
  const threads = [
    ...Array.from({ length: HOLDERS }, () => new Thread({ target: holder, args: [sem, cells] })),
    ...Array.from({ length: TRYERS }, () => new Thread({ target: tryer, args: [sem, cells] })),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(
    `${name} over ${cells[OVER]} leaked ${cells[LEAKED]} over-released ${cells[OVER_RELEASED]}`,
  );
  print(`${name} value after ${sem.value}`);
  print(`${name} saw both outcomes ${cells[FALSES]! > 0 && cells[TRUES]! > 0}`);
}

main(import.meta, () => {
  contend("Semaphore", new Semaphore(PERMITS));
  contend("BoundedSemaphore", new BoundedSemaphore(PERMITS));
});
