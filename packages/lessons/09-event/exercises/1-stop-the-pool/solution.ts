import {
  currentThread,
  Event,
  main,
  print,
  sleep,
  Thread,
} from "@unravel/core";

export function worker(stop: Event) {
  const name = currentThread().name;
  let rounds = 0;
  while (!stop.isSet()) {
    rounds += 1; // one round of work
    sleep(20);
  }
  print(`${name}: stopped after ${rounds} rounds`);
}

main(import.meta, () => {
  const stop = new Event(); // one event, seen by every worker
  const names = ["w1", "w2", "w3"];
  const threads = names.map(
    (name) => new Thread({ target: worker, args: [stop], name }),
  );
  for (const t of threads) t.start();

  sleep(100); // let them work
  print("main: stop!");
  stop.set();
  for (const t of threads) t.join();
  print("main: all workers stopped");
});
