import {
  currentThread,
  main,
  print,
  sleep,
  Thread,
} from "@unravel/core";

export function worker() {
  const name = currentThread().name;
  let rounds = 0;
  // Nothing tells the worker to stop, so it never says it stopped.
  while (rounds >= 0) {
    rounds += 1; // one round of work
    sleep(20);
  }
  print(`${name}: stopped after ${rounds} rounds`);
}

main(import.meta, () => {
  const names = ["w1", "w2", "w3"];
  // Daemon threads: the program can end while they still run.
  const threads = names.map(
    (name) => new Thread({ target: worker, name, daemon: true }),
  );
  for (const t of threads) t.start();

  sleep(100); // let them work
  print("main: stop!");
  print("main: all workers stopped");
});
