// A thread ends holding a primitive; another thread waits for it.
// `node abandoned.ts <how> <what>`: how = throws | exits | hold (hold()
// without using, then return); what = Lock | RLock | Condition | Queue | Semaphore.
// Lock, RLock and Condition: the waiter gets LockAbandonedError naming the
// dead thread. Queue and Semaphore: their internal lock is released on the
// dead thread's behalf, and the primitive keeps working.
import {
  Condition,
  Lock,
  LockAbandonedError,
  main,
  print,
  Queue,
  RLock,
  Semaphore,
  setExcepthook,
  Thread,
} from "../../src/index.ts";
import { reviveShared, SHARE } from "../../src/thread/transfer.ts";

setExcepthook(() => {});

type Held = Lock | RLock | Condition | Queue<number> | Semaphore;

/** The internal lock of a Queue or Semaphore: its one 8-byte word with a negative (quiet) id. */
function internalLock(p: Queue<number> | Semaphore): Lock {
  const buffers = (p as unknown as { [SHARE](): { buffers: SharedArrayBuffer[] } })[SHARE]()
    .buffers;
  const word = buffers.find((b) => b.byteLength === 8 && new Int32Array(b)[1]! < 0);
  if (!word) throw new Error("no internal lock found");
  return reviveShared({ kind: "Lock", buffers: [word] }) as Lock;
}

export function dies(how: string, what: string, p: Held): void {
  // Queue, Semaphore: the thread dies inside an operation, holding the internal lock,
  // as a worker killed mid-put (out of memory, terminated) leaves it.
  const target =
    what === "Queue" || what === "Semaphore" ? internalLock(p as Queue<number>) : (p as Lock);
  if (what === "Queue") (p as Queue<number>).put(1);
  if (how === "hold")
    target.hold(); // no `using`: never released
  else target.acquire();
  if (how === "throws") throw new Error("boom after acquire()");
  if (how === "exits") process.exit(3);
}

export function waiter(what: string, p: Held): void {
  try {
    if (what === "Queue") {
      const q = p as Queue<number>;
      q.put(2);
      print(`queue works: got ${q.get()} ${q.get()}`);
    } else if (what === "Semaphore") {
      const s = p as Semaphore;
      s.release();
      print(`semaphore works: ${s.acquire()}`);
    } else {
      (p as Lock).acquire();
      print("waiter acquired: WRONG");
    }
  } catch (error) {
    const e = error as LockAbandonedError;
    print(`waiter got ${e.name} instanceof ${e instanceof LockAbandonedError} thread ${e.thread}`);
    print(`message ${e.message}`);
  }
}

main(import.meta, () => {
  const [how = "throws", what = "Lock"] = process.argv.slice(2);
  const p: Held =
    what === "Lock"
      ? new Lock()
      : what === "RLock"
        ? new RLock()
        : what === "Condition"
          ? new Condition()
          : what === "Queue"
            ? new Queue<number>()
            : new Semaphore(0);
  const d = new Thread({ target: dies, args: [how, what, p], name: "doomed" });
  d.start();
  d.join();
  print(`doomed ended, exception: ${d.exception?.message}`);
  const w = new Thread({ target: waiter, args: [what, p], name: "waiter" });
  w.start();
  w.join();
  print("main done");
});
