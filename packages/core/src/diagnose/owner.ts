/**
 * Abandoned locks: a lock whose holder ended without releasing it (its
 * target threw after `acquire()`, it called `process.exit`, its worker died).
 * POSIX calls it EOWNERDEAD, Windows an abandoned mutex; Python's waiters
 * hang. Ours are told (see `Lock`): a lock the program uses throws
 * `LockAbandonedError` in every waiter; an internal lock of a Queue,
 * Semaphore, Barrier or pool is released on the dead thread's behalf, so the
 * primitive keeps working for the others.
 */
import { LockAbandonedError } from "../errors.ts";
import { runtime } from "../runtime/index.ts";
import { isEnded, threadName } from "./waits.ts";

/** `ident` if that thread has ended (a lock's holder, read from its word), else 0. */
export function abandonedBy(ident: number): number {
  return ident > 0 && isEnded(ident) ? ident : 0;
}

export function abandonedError(ident: number, what: string, viaHold: boolean): LockAbandonedError {
  const how = viaHold
    ? "taken with hold() and never disposed (a hold() without `using`: write `using _held = lock.hold()`; or the thread ended inside its `using` block, by process.exit or a killed worker)"
    : "acquired and never released (release it in a `finally`, or use `using _held = lock.hold()`)";
  const error = new LockAbandonedError(
    `${threadName(ident)} ended while holding this ${what}: ${how}. ` +
      "What the lock guards may be half-updated, so no thread gets it silently; " +
      "every acquire throws this error until the lock is released.",
  );
  error.thread = threadName(ident);
  return error;
}

export function reportHandOver(ident: number): void {
  runtime.writeLine(
    "stderr",
    `unravel: ${threadName(ident)} ended inside a Queue, Semaphore, Barrier or pool operation, ` +
      "holding its internal lock; the lock was released so that the other threads go on.",
  );
}
