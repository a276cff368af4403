// Programs that look stuck but are not, all at once: a consumer waits in
// get() while its producer sleeps before each put; a thread retries a timed
// acquire while the holder sleeps holding the lock; a thread awaits an
// Event on its event loop; a thread computes. Main joins them all, without
// a timeout. Run with UNRAVEL_DEADLOCK_TICK_MS=1 the detector looks
// thousands of times while these waits come and go; it must never report.
import {
  Condition,
  Event,
  Lock,
  main,
  print,
  Queue,
  sharedInt32,
  sleep,
  Thread,
} from "../../src/index.ts";

export function producer(q: Queue<number>, ROUNDS: number): void {
  for (let i = 0; i < ROUNDS; i++) {
    sleep(i % 3); // the consumer waits, untimed, meanwhile
    q.put(i);
  }
}

export function consumer(q: Queue<number>, ROUNDS: number): void {
  let sum = 0;
  for (let i = 0; i < ROUNDS; i++) sum += q.get();
  print(`consumed ${sum}`);
}

export function holder(lock: Lock, ROUNDS: number): void {
  for (let i = 0; i < ROUNDS; i++) {
    using _ = lock.hold();
    sleep(2);
  }
}

export function retrier(lock: Lock, ROUNDS: number): void {
  let got = 0;
  while (got < ROUNDS) {
    if (lock.acquire({ timeout: 1 })) {
      got++;
      lock.release();
    }
  }
  print(`retried ${got}`);
}

export async function asyncWaiter(ev: Event): Promise<void> {
  print(`async woke ${await ev.waitAsync()}`);
}

export function setter(ev: Event, ROUNDS: number): void {
  sleep(ROUNDS);
  ev.set();
}

/** Two threads pass a turn back and forth through a Condition: each waits, untimed, for the other. */
export function pingPong(cond: Condition, turn: Int32Array, me: number, ROUNDS: number): void {
  for (let i = 0; i < ROUNDS; i++) {
    using _ = cond.hold();
    cond.waitFor(() => turn[0] === me);
    const until = performance.now() + (i % 3) * 0.5; // work a little, holding the turn
    while (performance.now() < until);
    turn[0] = 1 - me;
    cond.notifyAll();
  }
}

export function spinner(ROUNDS: number): void {
  const until = performance.now() + ROUNDS;
  let n = 0;
  while (performance.now() < until) n++;
  print(`spun ${n > 0}`);
}

main(import.meta, () => {
  const ROUNDS = Number(process.argv[2] ?? 20);
  const q = new Queue<number>(1);
  const lock = new Lock();
  const ev = new Event();
  const cond = new Condition();
  const turn = sharedInt32(1);
  const threads = [
    new Thread({ target: producer, args: [q, ROUNDS] }),
    new Thread({ target: consumer, args: [q, ROUNDS] }),
    new Thread({ target: holder, args: [lock, ROUNDS] }),
    new Thread({ target: retrier, args: [lock, ROUNDS] }),
    new Thread({ target: asyncWaiter, args: [ev] }),
    new Thread({ target: setter, args: [ev, ROUNDS] }),
    new Thread({ target: spinner, args: [ROUNDS] }),
    new Thread({ target: pingPong, args: [cond, turn, 0, ROUNDS] }),
    new Thread({ target: pingPong, args: [cond, turn, 1, ROUNDS] }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print("all done");
});
