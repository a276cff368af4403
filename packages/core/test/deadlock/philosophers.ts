// Dining philosophers. `node philosophers.ts`: each takes the fork on its
// left, then the one on its right — once all five hold their left fork,
// nobody can eat: a 5-cycle. `node philosophers.ts ordered 300`: each takes
// the lower-numbered fork first, so no cycle can form; 300 meals each.
import { Lock, main, print, sharedInt32, Thread } from "../../src/index.ts";

const N = 5;

export function philosopher(
  me: number,
  forks: Lock[],
  seated: Int32Array,
  ordered: boolean,
  meals: number,
): void {
  const left = forks[me]!;
  const right = forks[(me + 1) % N]!;
  const [first, second] = ordered && me === N - 1 ? [right, left] : [left, right];
  for (let meal = 0; meal < meals; meal++) {
    using _first = first.hold();
    if (!ordered) {
      // Wait until everyone holds a first fork: the deadlock, every time.
      Atomics.add(seated, 0, 1);
      Atomics.notify(seated, 0);
      for (let n = Atomics.load(seated, 0); n < N; n = Atomics.load(seated, 0))
        Atomics.wait(seated, 0, n);
    }
    using _second = second.hold(); // TAKES THE SECOND FORK
    Atomics.add(seated, 1, 1);
    if (meal % 7 === me) Atomics.wait(seated, 2, 0, 3); // eat a while, now and then
  }
}

main(import.meta, () => {
  const ordered = process.argv[2] === "ordered";
  const meals = Number(process.argv[3] ?? 1);
  const forks = Array.from({ length: N }, () => new Lock());
  const seated = sharedInt32(3);
  const threads = forks.map(
    (_, i) =>
      new Thread({
        target: philosopher,
        args: [i, forks, seated, ordered, meals],
        name: `philosopher-${i}`,
      }),
  );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`meals ${seated[1]}`);
});
