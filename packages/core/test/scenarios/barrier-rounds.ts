// 8 threads meet at one Barrier 1,000 times. In each round every thread
// checks that all 8 finished the previous round before any starts the next,
// and the arrival indexes of a round are 0..7, each once.
import { Barrier, main, print, sharedInt32, Thread } from "../../src/index.ts";

const PARTIES = 8;
const ROUNDS = 1_000;

let actions: Int32Array | undefined; // module state: each thread sets its own

export function roundTrip(
  barrier: Barrier,
  progress: Int32Array,
  indexes: Int32Array,
  errors: Int32Array,
): void {
  actions = errors;
  for (let round = 0; round < ROUNDS; round++) {
    Atomics.add(progress, round, 1);
    const index = barrier.wait();
    if (Atomics.load(progress, round) !== PARTIES) Atomics.add(errors, 0, 1); // someone was not there yet
    Atomics.add(indexes, round, 1 << (index * 3)); // 8 fields of 3 bits: one arrival per index
  }
}

/** The barrier's action: runs once per round, in the last thread to arrive. */
export function tripped(): void {
  Atomics.add(actions!, 1, 1);
}

main(import.meta, () => {
  const started = performance.now();
  const barrier = new Barrier(PARTIES, { action: tripped });
  const progress = sharedInt32(ROUNDS);
  const indexes = sharedInt32(ROUNDS);
  const errors = sharedInt32(2); // [early leavers, actions run]
  const threads = Array.from(
    { length: PARTIES },
    () => new Thread({ target: roundTrip, args: [barrier, progress, indexes, errors] }),
  );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  let perfect = 0;
  const oneEach = Array.from({ length: PARTIES }, (_, i) => 1 << (i * 3)).reduce((a, b) => a + b);
  for (let round = 0; round < ROUNDS; round++) if (indexes[round] === oneEach) perfect++;
  print(`rounds with indexes 0..7 once ${perfect}`);
  print(`early leavers ${errors[0]}`);
  print(`actions ${errors[1]}`);
  print(`broken ${barrier.broken} waiting ${barrier.nWaiting}`);
  print(`ms ${Math.round(performance.now() - started)}`);
});
