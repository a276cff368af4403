import {
  currentThread,
  Event,
  main,
  print,
  sleep,
  Thread,
} from "@unravel/core";

export function worker(ready: Event, start: Event, stop: Event) {
  const name = currentThread().name;
  print(`${name}: ready`);
  ready.set(); // tell the main thread
  start.wait(); // block until some thread calls start.set()
  print(`${name}: go!`);
  let rounds = 0;
  while (!stop.isSet()) {
    rounds += 1; // one round of work
    sleep(20);
  }
  print(`${name}: stopped after ${rounds} rounds`);
}

main(import.meta, () => {
  const start = new Event();
  const stop = new Event();
  const names = ["w1", "w2", "w3"];
  const ready = names.map(() => new Event()); // one per worker
  const threads = names.map((name, i) => {
    const args: [Event, Event, Event] = [ready[i], start, stop];
    return new Thread({ target: worker, args, name });
  });
  for (const t of threads) t.start();

  for (const r of ready) r.wait(); // until every worker is ready
  print("main: start!");
  start.set(); // wakes every thread waiting on `start`

  sleep(60); // let them work
  print("main: stop!");
  stop.set(); // each worker sees it at its next check
  for (const t of threads) t.join();
  print("main: all workers stopped");
});
