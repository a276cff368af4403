// Looks stuck at every hand-over, is not: N threads pass a turn round a
// ring through one Condition, each waiting (untimed) for its turn; main
// joins them (untimed). At each hand-over every thread but the one woken is
// blocked, and the one woken still counts as blocked until it runs. Run with
// UNRAVEL_DEADLOCK_TICK_MS=1: the detector looks thousands of times, and must
// never report.
import { Condition, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function player(
  cond: Condition,
  turn: Int32Array,
  me: number,
  n: number,
  rounds: number,
): void {
  for (let i = 0; i < rounds; i++) {
    using _ = cond.hold();
    cond.waitFor(() => turn[0] === me);
    const until = performance.now() + 1.2; // hold the turn past a tick: the others get recorded
    while (performance.now() < until);
    turn[0] = (me + 1) % n;
    turn[1]! += 1;
    cond.notifyAll();
  }
}

main(import.meta, () => {
  const rounds = Number(process.argv[2] ?? 100);
  const n = 3;
  const cond = new Condition();
  const turn = sharedInt32(2);
  const threads = Array.from(
    { length: n },
    (_, i) => new Thread({ target: player, args: [cond, turn, i, n, rounds] }),
  );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`turns ${turn[1]}`);
});
