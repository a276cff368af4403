import {
  main,
  print,
  sleep,
  ThreadPoolExecutor,
} from "@unravel/core";

// How long each task takes: task 1 is the slow one.
const TAKES_MS = [1000, 50, 50, 50];

// A task: waits (a download, say), then gives back its number.
export function fetchPart(k: number, ms: number): number {
  sleep(ms);
  return k;
}

main(import.meta, () => {
  using pool = new ThreadPoolExecutor({ maxWorkers: 4 });
  const futures = TAKES_MS.map((ms, i) =>
    pool.submit(fetchPart, i + 1, ms),
  );
  // Report each part as soon as it is here, not in task order.
  for (const f of futures) {
    print(`part ${f.result()} is here`);
  }
  print("all parts are here");
});
