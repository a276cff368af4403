import {
  BoundedSemaphore,
  currentThread,
  main,
  print,
  Semaphore,
  sharedInt32,
  sleep,
  Thread,
} from "@unravel/core";

const CONNECTIONS = 3;
const THREADS = 10;
const REQUESTS = 5;
const TICK_MS = 100; // one request allowed per tick

// Use one of the CONNECTIONS: wait until one is free.
export function query(pool: BoundedSemaphore, inUse: Int32Array) {
  using _conn = pool.hold(); // acquire; released at the brace
  const now = Atomics.add(inUse, 0, 1) + 1;
  print(`${currentThread().name}: connected, ${now} in use`);
  sleep(50); // the query
  Atomics.sub(inUse, 0, 1);
}

// The rate limiter: one permit every TICK_MS.
export function ticker(permits: Semaphore, ticks: Int32Array) {
  for (let i = 0; i < REQUESTS; i++) {
    sleep(TICK_MS);
    Atomics.add(ticks, 0, 1);
    permits.release(); // one more request may go
  }
}

export function client(permits: Semaphore, ticks: Int32Array) {
  for (let n = 1; n <= REQUESTS; n++) {
    permits.acquire(); // wait for a permit
    print(`request ${n} after tick ${Atomics.load(ticks, 0)}`);
  }
}

main(import.meta, () => {
  const pool = new BoundedSemaphore(CONNECTIONS);
  const inUse = sharedInt32(1);
  const threads = [];
  for (let i = 1; i <= THREADS; i++) {
    const name = `q${i}`;
    threads.push(
      new Thread({ name, target: query, args: [pool, inUse] }),
    );
  }
  for (const t of threads) t.start();
  for (const t of threads) t.join();

  try {
    pool.release(); // one more than was acquired: a bug
  } catch (error) {
    print(`one release too many: ${(error as Error).message}`);
  }

  const permits = new Semaphore(0); // no request may go yet
  const ticks = sharedInt32(1);
  const limited = [
    new Thread({ target: ticker, args: [permits, ticks] }),
    new Thread({ target: client, args: [permits, ticks] }),
  ];
  for (const t of limited) t.start();
  for (const t of limited) t.join();
});
