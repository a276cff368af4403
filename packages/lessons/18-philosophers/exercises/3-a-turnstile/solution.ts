// Readers and writers (The Little Book of Semaphores, 4.2): readers
// may share the room, a writer needs it alone.
import {
  Barrier,
  Event,
  Lock,
  main,
  print,
  Semaphore,
  sharedInt32,
  sleep,
  Thread,
} from "@unravel/core";

const READERS = 3;
const MOST_READS = 12; // each reader reads until the write, or this
// Cells of `stats`: readers in the room, the most at once, a reader
// and the writer in at once, the writer waiting, reads begun while it
// waited, the writer writing, it has written, reads in all.
const [IN, MOST, CLASH, WAITING, STARVED, WRITING, WRITTEN, READ] =
  [0, 1, 2, 3, 4, 5, 6, 7];

// The first reader in locks the room; the last one out unlocks it.
export function read(
  room: Semaphore,
  mutex: Lock,
  readers: Int32Array,
  turnstile: Lock | null,
  stats: Int32Array,
  allIn: Barrier,
  started: Event,
) {
  for (let r = 0; r < MOST_READS; r++) {
    if (r > 0 && Atomics.load(stats, WRITTEN)) break;
    if (turnstile) turnstile.acquire(), turnstile.release();
    mutex.acquire();
    if (++readers[0]! === 1) room.acquire(); // first in
    mutex.release();
    const now = Atomics.add(stats, IN, 1) + 1; // reading
    if (Atomics.load(stats, WRITING)) Atomics.add(stats, CLASH, 1);
    let most = Atomics.load(stats, MOST);
    while (now > most) {
      const was = Atomics.compareExchange(stats, MOST, most, now);
      if (was === most) break;
      most = was;
    }
    Atomics.add(stats, READ, 1);
    if (Atomics.load(stats, WAITING))
      Atomics.add(stats, STARVED, 1);
    if (r === 0) allIn.wait(), started.set(); // all three in at once
    sleep(1);
    Atomics.sub(stats, IN, 1);
    mutex.acquire();
    if (--readers[0]! === 0) room.release(); // last out
    mutex.release();
  }
}

export function write(
  room: Semaphore,
  turnstile: Lock | null,
  stats: Int32Array,
  started: Event,
) {
  started.wait(); // arrive while the readers read
  turnstile?.acquire(); // no new reader gets past it now
  Atomics.store(stats, WAITING, 1);
  room.acquire();
  Atomics.store(stats, WAITING, 0);
  Atomics.store(stats, WRITING, 1);
  if (Atomics.load(stats, IN) > 0) Atomics.add(stats, CLASH, 1);
  sleep(1); // write
  Atomics.store(stats, WRITING, 0);
  Atomics.store(stats, WRITTEN, 1);
  room.release();
  turnstile?.release();
}

function run(how: string, turnstile: Lock | null) {
  const [room, mutex] = [new Semaphore(1), new Lock()];
  const [readers, stats] = [sharedInt32(1), sharedInt32(8)];
  const [allIn, started] = [new Barrier(READERS), new Event()];
  const rs = Array.from({ length: READERS }, () => {
    const args = [
      room,
      mutex,
      readers,
      turnstile,
      stats,
      allIn,
      started,
    ];
    return new Thread({ target: read, args: args as never });
  });
  const w = new Thread({
    target: write,
    args: [room, turnstile, stats, started],
  });
  for (const t of [...rs, w]) t.start();
  for (const t of [...rs, w]) t.join();
  print(
    `${how}: at most ${stats[MOST]} readers at once; ` +
      `a writer with readers: ${stats[CLASH]}; ` +
      `reads begun while the writer waited: ${stats[STARVED]} of ${stats[READ]}`,
  );
}

main(import.meta, () => {
  run("naive", null);
  run("turnstile", new Lock());
});
