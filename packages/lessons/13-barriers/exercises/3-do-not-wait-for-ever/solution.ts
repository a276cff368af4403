import {
  Barrier,
  BrokenBarrierError,
  currentThread,
  main,
  print,
  Thread,
} from "@unravel/core";

export function meet(gate: Barrier) {
  try {
    gate.wait(100); // wait at most 100 ms for the others
    print(`${currentThread().name}: passed`);
  } catch (error) {
    if (!(error instanceof BrokenBarrierError)) throw error;
    print(`${currentThread().name}: broken barrier`);
  }
}

// The third party fails before it reaches the barrier.
export function neverComes() {
  print("late: failed, and will never come");
}

main(import.meta, () => {
  const gate = new Barrier(3);
  const party = [
    new Thread({ name: "a", target: meet, args: [gate] }),
    new Thread({ name: "b", target: meet, args: [gate] }),
    new Thread({ name: "late", target: neverComes }),
  ];
  for (const t of party) t.start();
  for (const t of party) t.join();
  print(`gate broken: ${gate.broken}`);
});
