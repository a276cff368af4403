// No size or count of tasks deadlocks the pool: map over 5,000 strings of
// 2,000 characters with 2 workers, then 100,000 tasks of 50 characters,
// every result checked, in order (each used to hang at 0% CPU: the owner
// blocked putting work while the workers blocked putting results).
import { main, print, ThreadPoolExecutor } from "../../src/index.ts";

export function echo(text: string): string {
  return text;
}

function label(i: number, length: number): string {
  return `${i}:`.padEnd(length, String.fromCharCode(97 + (i % 26)));
}

function exact(results: string[], count: number, length: number): number {
  let same = 0;
  for (let i = 0; i < count; i++) if (results[i] === label(i, length)) same++;
  return same;
}

main(import.meta, () => {
  using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  const long = Array.from({ length: 5_000 }, (_, i) => label(i, 2_000));
  const longResults = [...pool.map(echo, long)];
  print(`5000 long strings echoed in order ${exact(longResults, 5_000, 2_000)}`);
  const many = Array.from({ length: 100_000 }, (_, i) => label(i, 50));
  const manyResults = [...pool.map(echo, many)];
  print(`100000 tasks echoed in order ${exact(manyResults, 100_000, 50)}`);
});
