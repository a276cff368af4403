// RLock: re-entry by its owner; a release from another thread is refused.
import { main, print, RLock, sharedInt32, Thread } from "../../src/index.ts";

export function wrongOwner(rlock: RLock, result: Int32Array): void {
  try {
    rlock.release();
  } catch (error) {
    if (error instanceof Error && error.name === "RuntimeError") result[0] = 1;
  }
  result[1] = rlock.acquire({ blocking: false }) ? 1 : 2; // held by main: must fail
}

main(import.meta, () => {
  const rlock = new RLock();
  const result = sharedInt32(2);
  rlock.acquire();
  rlock.acquire(); // re-entry
  const t = new Thread({ target: wrongOwner, args: [rlock, result] });
  t.start();
  t.join();
  print(`other thread refused ${result[0] === 1}`);
  print(`other thread could not acquire ${result[1] === 2}`);
  rlock.release();
  print(`still held after one release ${rlock.locked()}`);
  rlock.release();
  print(`free after two releases ${!rlock.locked()}`);
});
