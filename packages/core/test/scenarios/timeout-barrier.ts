// Timed Barrier waits under contention: two threads meet at a Barrier(2)
// round after round with timeouts of 0 to 0.2 ms and a random head start,
// so some rounds trip and some time out. As in Python, a wait that times
// out breaks the barrier: right after its BrokenBarrierError the barrier is
// broken, and the other party gets BrokenBarrierError too, never an index.
// So in every round both parties agree: both pass (indexes 0 and 1) or both
// fail. Then one resets it, and the next round starts from a whole barrier.
import { Barrier, BrokenBarrierError, main, print, sharedInt32, Thread } from "../../src/index.ts";

const ROUNDS = 1_500;
const TIMEOUTS = [0, 0.02, 0.2];

// Shared cells.
const OUTCOME = 0; // per party: the index + 1, or -1 for BrokenBarrierError
const DISAGREED = 2; // one passed and the other failed, or indexes clashed
const NOT_BROKEN = 3; // a timed-out wait left the barrier whole
const OTHER_ERROR = 4;
const TRIPPED = 5;
const BROKE = 6;
const CELLS = 7;

function spin(us: number): void {
  const until = performance.now() + us / 1000;
  while (performance.now() < until) {}
}

export async function party(
  barrier: Barrier,
  sync: Barrier,
  cells: Int32Array,
  me: number,
): Promise<void> {
  for (let i = 0; i < ROUNDS; i++) {
    spin(Math.random() * 100); // a random head start
    const timeout = TIMEOUTS[(i + me) % TIMEOUTS.length]!;
    let outcome: number;
    try {
      outcome = 1 + (i % 2 ? await barrier.waitAsync(timeout) : barrier.wait(timeout));
    } catch (error) {
      if (!(error instanceof BrokenBarrierError)) Atomics.add(cells, OTHER_ERROR, 1);
      else if (error.message.includes("timed out") && !barrier.broken)
        Atomics.add(cells, NOT_BROKEN, 1);
      outcome = -1;
    }
    cells[OUTCOME + me] = outcome;
    const first = sync.wait() === 0; // both outcomes written
    if (first) {
      const [a, b] = [cells[OUTCOME]!, cells[OUTCOME + 1]!];
      const agreed = (a === -1 && b === -1) || (a > 0 && b > 0 && a !== b);
      if (!agreed) Atomics.add(cells, DISAGREED, 1);
      Atomics.add(cells, a > 0 ? TRIPPED : BROKE, 1);
      if (barrier.broken !== (a === -1)) Atomics.add(cells, DISAGREED, 1);
      barrier.reset();
    }
    sync.wait(); // the reset is done
  }
}

main(import.meta, () => {
  const barrier = new Barrier(2);
  const sync = new Barrier(2);
  const cells = sharedInt32(CELLS);
  const threads = [0, 1].map(
    (me) => new Thread({ target: party, args: [barrier, sync, cells, me] }),
  );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(
    `disagreed ${cells[DISAGREED]} whole after timeout ${cells[NOT_BROKEN]} other errors ${cells[OTHER_ERROR]}`,
  );
  print(
    `rounds ${cells[TRIPPED]! + cells[BROKE]!} saw both outcomes ${cells[TRIPPED]! > 0 && cells[BROKE]! > 0}`,
  );
  print(`after broken ${barrier.broken} waiting ${barrier.nWaiting}`);
});
