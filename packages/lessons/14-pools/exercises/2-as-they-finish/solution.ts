import {
  asCompleted,
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
  for (const f of asCompleted(futures)) {
    print(`part ${f.result()} is here`);
  }
  print("all parts are here");
});
