// A thread ends holding a lock; main's acquire, before or after that end,
// throws LockAbandonedError in step mode as it does live.
import {
  Event,
  Lock,
  LockAbandonedError,
  main,
  print,
  setExcepthook,
  Thread,
} from "../../src/index.ts";

setExcepthook(() => {}); // the error is expected: keep stderr for the engine's report

export function crash(lock: Lock, taken: Event) {
  lock.acquire();
  taken.set();
  throw new Error("ended holding the lock");
}

main(import.meta, () => {
  const lock = new Lock();
  const taken = new Event();
  const t = new Thread({ target: crash, args: [lock, taken], name: "crasher" });
  t.start();
  taken.wait();
  try {
    lock.acquire(); // blocks while crasher lives, or finds it ended
    print("acquired");
  } catch (error) {
    print(error instanceof LockAbandonedError ? `abandoned by ${error.thread}` : String(error));
  }
  t.join();
});
