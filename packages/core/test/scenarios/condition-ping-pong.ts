// Two threads hand a turn back and forth 100,000 times through one
// Condition. A lost wake-up would stall a round until the 5 s timeout, which
// is counted: the run must end with every round played and no timeout.
import { Condition, main, print, sharedInt32, Thread } from "../../src/index.ts";

const ROUNDS = 100_000;

export function player(cond: Condition, turn: Int32Array, me: number, stalls: Int32Array): void {
  for (let round = 0; round < ROUNDS; round++) {
    using _held = cond.hold();
    while (turn[0] !== me) {
      if (!cond.wait(5_000)) Atomics.add(stalls, 0, 1);
    }
    turn[0] = 1 - me;
    turn[1]!++;
    cond.notify();
  }
}

main(import.meta, () => {
  const started = performance.now();
  const cond = new Condition();
  const turn = sharedInt32(2); // [whose turn, rounds played]
  const stalls = sharedInt32(1);
  const players = [0, 1].map(
    (me) => new Thread({ target: player, args: [cond, turn, me, stalls] }),
  );
  for (const t of players) t.start();
  for (const t of players) t.join();
  print(`played ${turn[1]}`);
  print(`stalls ${stalls[0]}`);
  print(`ms ${Math.round(performance.now() - started)}`);
});
