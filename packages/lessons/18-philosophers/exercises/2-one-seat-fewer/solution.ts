import {
  Lock,
  main,
  print,
  Semaphore,
  sharedInt32,
  sleep,
  Thread,
} from "@unravel/core";

const N = 3; // philosophers, and a fork between each two
const MEALS = 2;

// Philosopher i needs fork i (left) and fork i + 1 (right) to eat.
export function dine(
  i: number,
  first: Lock,
  second: Lock,
  seats: Semaphore | null,
  eating: Int32Array,
  meals: Int32Array,
) {
  for (let m = 0; m < MEALS; m++) {
    sleep(1); // think
    using _seat = seats?.hold(); // the footman, if there is one
    using _first = first.hold();
    sleep(1); // reach for the other fork
    using _second = second.hold();
    Atomics.store(eating, i, 1);
    const left = Atomics.load(eating, (i + N - 1) % N);
    const right = Atomics.load(eating, (i + 1) % N);
    if (left || right) Atomics.add(meals, N, 1); // must never happen
    sleep(1); // eat
    Atomics.add(meals, i, 1);
    Atomics.store(eating, i, 0);
  } // forks, then the seat, go back in reverse order
}

function table(how: string, ordered: boolean, seats?: Semaphore) {
  const forks = Array.from({ length: N }, () => new Lock());
  const eating = sharedInt32(N);
  const meals = sharedInt32(N + 1); // N counts, then the clashes
  const threads = forks.map((_, i) => {
    let [first, second] = [forks[i]!, forks[(i + 1) % N]!];
    // Fix 1: take the lower-numbered fork first. Only the last
    // philosopher, whose right fork is fork 0, turns round.
    if (ordered && i === N - 1) [first, second] = [second, first];
    return new Thread({
      target: dine,
      args: [i, first, second, seats ?? null, eating, meals],
      name: `p${i}`,
    });
  });
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const counts = [...meals.subarray(0, N)].join(", ");
  print(`${how}: meals ${counts}; neighbours at once: ${meals[N]}`);
}

main(import.meta, () => {
  table("a footman", false, new Semaphore(N - 1)); // Fix 2: N - 1 seats
});
