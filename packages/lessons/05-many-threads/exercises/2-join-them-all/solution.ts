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
    sleep(50); // a step of work
    print(`${me.name}: step ${step}`);
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
  for (const t of threads) t.start();
  print(`main: started ${threads.length} threads`);
  for (const t of threads) t.join();
  print("main: all joined");
});
