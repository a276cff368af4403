import {
  Event,
  Lock,
  LockAbandonedError,
  main,
  print,
  setExcepthook,
  sleep,
  Thread,
  Timer,
} from "@unravel/core";

// Runs in every thread (each loads this file): an error that ends
// a thread is reported here, in the thread it ended.
setExcepthook(({ exception, thread }) => {
  const error = exception as Error;
  print(`excepthook: ${thread.name} died: ${error.message}`);
});

export function parse(text: string) {
  const n = Number(text);
  if (Number.isNaN(n))
    throw new RangeError(`not a number: ${text}`);
  print(`parse: ${n}`);
}

export function ring(what: string) {
  print(`timer: ${what}`);
}

export function worker(lock: Lock, stop: Event, ready: Event) {
  let rounds = 0;
  while (!stop.wait(5)) {
    using _held = lock.hold(); // released however the round ends
    rounds += 1;
    if (rounds === 3) ready.set(); // main stops it after that
  }
  print(`worker: saw the stop after ${rounds} rounds`);
}

export function crash(lock: Lock) {
  lock.acquire();
  throw new Error("gone while holding the lock"); // no release
}

export function heartbeat() {
  for (;;) sleep(100); // never returns
}

main(import.meta, () => {
  const parser = new Thread({
    target: parse,
    args: ["forty"],
    name: "parser",
  });
  parser.start();
  parser.join(); // returns: the thread ended, by an error
  print(`main: the parser failed: ${parser.exception?.message}`);

  const never = new Timer(5000, ring, ["the cancelled one"]);
  const soon = new Timer(20, ring, ["20 ms are up"]);
  never.start();
  soon.start();
  never.cancel(); // before its 5 s are up: it will not ring
  soon.join();
  never.join();

  const lock = new Lock();
  const stop = new Event();
  const ready = new Event();
  const w = new Thread({
    target: worker,
    args: [lock, stop, ready],
    name: "worker",
  });
  w.start();
  ready.wait();
  stop.set(); // ask; the worker ends at its next check
  w.join();
  print(`main: after the stop, locked() is ${lock.locked()}`);

  const c = new Thread({
    target: crash,
    args: [lock],
    name: "crasher",
  });
  c.start();
  c.join();
  try {
    lock.acquire();
  } catch (error) {
    if (!(error instanceof LockAbandonedError)) throw error;
    print(
      `main: acquire() threw ${error.name}: ${error.thread} ended holding it`,
    );
  }

  const beat = new Thread({
    target: heartbeat,
    daemon: true,
    name: "heartbeat",
  });
  beat.start();
  print(`main: returning; the daemon is alive: ${beat.isAlive()}`);
});
