import {
  currentThread,
  main,
  print,
  sleep,
  Thread,
} from "@unravel/core";

export function worker(steps: number) {
  const me = currentThread(); // the Thread this code runs on
  for (let step = 1; step <= steps; step++) {
    print(`${me.name} (ident ${me.ident}): step ${step}`);
    sleep(50);
  }
}

main(import.meta, () => {
  const threads = [1, 2, 3, 4].map((i) => {
    const name = `worker-${i}`;
    return new Thread({ target: worker, args: [3], name });
  });
  for (const t of threads) t.start();
  print(`main: started ${threads.length} threads`);
  for (const t of threads) t.join();

  const unnamed = new Thread({ target: worker, args: [1] });
  unnamed.start();
  unnamed.join();
  print(`main: all joined (I am ${currentThread().name})`);
});
