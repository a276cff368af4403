import {
  currentThread,
  main,
  print,
  sleep,
  Thread,
} from "@unravel/core";

// Cut down from the lesson: three workers of two steps each.
export function worker(steps: number) {
  const me = currentThread();
  for (let step = 1; step <= steps; step++) {
    print(`${me.name}: step ${step}`);
    sleep(50);
  }
}

main(import.meta, () => {
  const threads = [1, 2, 3].map(
    (i) =>
      new Thread({
        target: worker,
        args: [2],
        name: `worker-${i}`,
      }),
  );
  for (const t of threads) {
    t.start();
    t.join(); // each one ends before the next starts
  }
  print(`main: started ${threads.length} threads`);
  print("main: all joined");
});
