// Past UNRAVEL_MAX_THREADS live threads, start() fails as Python's does; a
// thread that ended (returned, or process.exit) makes room again.
import { Event, main, print, sharedInt32, Thread } from "../../src/index.ts";

export function park(started: Int32Array, release: Event): void {
  Atomics.add(started, 0, 1);
  Atomics.notify(started, 0);
  release.wait();
}

export function leave(): void {
  process.exit(4);
}

function tryStart(t: Thread): string {
  try {
    t.start();
    return "started";
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

main(import.meta, () => {
  const limit = Number(process.env.UNRAVEL_MAX_THREADS);
  const started = sharedInt32(1);
  const release = new Event();
  const parked = Array.from(
    { length: limit },
    () => new Thread({ target: park, args: [started, release] }),
  );
  for (const t of parked) t.start();
  for (let n = Atomics.load(started, 0); n < limit; n = Atomics.load(started, 0)) {
    Atomics.wait(started, 0, n);
  }
  const extra = new Thread({ target: park, args: [started, release] });
  print(`over the limit: ${tryStart(extra)}`);
  print(`extra alive ${extra.isAlive()}`);
  release.set();
  for (const t of parked) t.join();
  const again = Array.from({ length: limit }, () => new Thread({ target: leave }));
  print(`after join: ${again.map(tryStart).join(",")}`);
  for (const t of again) t.join();
  const last = new Thread({ target: park, args: [started, release] });
  print(`after process.exit in threads: ${tryStart(last)}`);
  last.join();
});
