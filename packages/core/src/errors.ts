/**
 * Every error class of @unravel/core, named after its Python counterpart.
 * Bad arguments throw the built-in `TypeError` / `RangeError`, whose message
 * names the parameter.
 */

/**
 * A primitive was used in a way its contract forbids: releasing an unlocked
 * lock, starting a thread twice, joining the current thread. Python raises
 * `RuntimeError` for the same misuses.
 */
export class RuntimeError extends Error {
  override name = "RuntimeError";
}

/**
 * Stands for an error thrown in another thread whose value was not an `Error`
 * (Python allows only exceptions; JavaScript can throw anything).
 */
export class ThreadError extends Error {
  override name = "ThreadError";
}

/** Thrown by `Queue.getNowait()` / `get({ block: false })` on an empty queue, and by a `get` that times out. Python: `queue.Empty`. */
export class Empty extends Error {
  override name = "Empty";
}

/** Thrown by `Queue.putNowait()` / `put(x, { block: false })` on a full queue, and by a `put` that times out. Python: `queue.Full`. */
export class Full extends Error {
  override name = "Full";
}

/** Thrown by `put` and `get` on a queue that was shut down. Python 3.13: `queue.ShutDown`. */
export class ShutDown extends Error {
  override name = "ShutDown";
}

/** Thrown by `Barrier.wait()` when the barrier is, or becomes, broken. Python: `threading.BrokenBarrierError`. */
export class BrokenBarrierError extends Error {
  override name = "BrokenBarrierError";
}

/** Thrown by `Future.result()` on a cancelled future. Python: `concurrent.futures.CancelledError`. */
export class CancelledError extends Error {
  override name = "CancelledError";
}

/** Thrown by `Future.result(timeout)` and `asCompleted` when time runs out. Python: `TimeoutError`. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** Thrown by `ThreadPoolExecutor.submit()` after a worker's initializer failed. Python: `concurrent.futures.BrokenExecutor`. */
export class BrokenExecutor extends Error {
  override name = "BrokenExecutor";
}

/**
 * Thrown by `acquire` (and `hold`, `Condition.wait`…) on a lock whose holder
 * ended without releasing it. `thread` names the thread that ended. Python
 * has none: its waiters hang. See "Abandoned locks" in the README.
 */
export class LockAbandonedError extends Error {
  override name = "LockAbandonedError";
  /** The name of the thread that ended while holding the lock. */
  thread = "";
}
