import {
  Barrier,
  BrokenBarrierError,
  currentThread,
  main,
  print,
  sharedInt32,
  Thread,
} from "@unravel/core";

const WORKERS = 4;
const CELLS = 8; // a ring of cells, 2 per worker
const STEPS = 2; // cut down, to step

// The world: cell 0 counts the steps; then one row of CELLS, read
// and written in place by every step (it saves memory).
function row(world: Int32Array, _step: number) {
  return world.subarray(1, 1 + CELLS);
}

let world: Int32Array; // this thread's view of it, for the action

// The barrier's action: run by the last thread to arrive, while
// every other one waits, once per step.
export function endOfStep() {
  const step = ++world[0];
  print(`step ${step}: ${row(world, step).join(" ")}`);
}

export function simulate(w: Int32Array, tick: Barrier, me: number) {
  world = w;
  for (let step = 0; step < STEPS; step++) {
    const now = row(world, step);
    const next = row(world, step + 1);
    for (let i = me * 2; i < me * 2 + 2; i++) {
      const left = now[(i + CELLS - 1) % CELLS];
      const right = now[(i + 1) % CELLS];
      next[i] = Math.floor((left + now[i] + right) / 3);
    }
    tick.wait(); // nobody reads step + 1 before all have written it
  }
}

export function meet(gate: Barrier) {
  try {
    gate.wait(100); // wait at most 100 ms for the others
    print(`${currentThread().name}: passed`);
  } catch (error) {
    if (!(error instanceof BrokenBarrierError)) throw error;
    print(`${currentThread().name}: broken barrier`);
  }
}

main(import.meta, () => {
  world = sharedInt32(1 + 2 * CELLS);
  row(world, 0).set([0, 0, 0, 90, 0, 0, 0, 0]);
  print(`step 0: ${row(world, 0).join(" ")}`);
  const tick = new Barrier(WORKERS, { action: endOfStep });
  const workers = [];
  for (let me = 0; me < WORKERS; me++) {
    const args: [Int32Array, Barrier, number] = [world, tick, me];
    workers.push(new Thread({ target: simulate, args }));
  }
  for (const t of workers) t.start();
  for (const t of workers) t.join();

  const gate = new Barrier(3);
  const early = [
    new Thread({ name: "a", target: meet, args: [gate] }),
    new Thread({ name: "b", target: meet, args: [gate] }),
  ];
  for (const t of early) t.start();
  for (const t of early) t.join(); // they gave up waiting
  const late = new Thread({
    name: "late",
    target: meet,
    args: [gate],
  });
  late.start();
  late.join();
  print(`gate broken: ${gate.broken}`);
});
