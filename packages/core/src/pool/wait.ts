/**
 * `wait` and `asCompleted`: Python's `concurrent.futures.wait` and
 * `as_completed`, over futures of this thread's pools. Both sleep on the
 * thread's doorbell (see `future.ts`), so they need no event loop.
 */
import { TimeoutError } from "../errors.ts";
import { stepping } from "../step/state.ts";
import {
  assertCanBlock,
  checkTimeout,
  deadlineAfter,
  runAsync,
  runBlocking,
} from "../sync/futex.ts";
import { Future, waitUntilReady } from "./future.ts";

/** Return when any future finishes or is cancelled. */
export const FIRST_COMPLETED = "FIRST_COMPLETED";
/** Return when any future finishes by throwing, or when all are done. */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
/** Return when every future is done. */
export const ALL_COMPLETED = "ALL_COMPLETED";

export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitOptions {
  /** Give up after this many ms (and return what is done by then). @default undefined (no limit) */
  timeout?: number;
  /** @default ALL_COMPLETED */
  returnWhen?: ReturnWhen;
}

export interface DoneAndNotDone<T> {
  done: Set<Future<T>>;
  notDone: Set<Future<T>>;
}

function checkFutures<T>(futures: Iterable<Future<T>>, call: string): Future<T>[] {
  const list = [...futures];
  list.forEach((future, i) => {
    if (!(future instanceof Future)) throw new TypeError(`${call}: futures[${i}] is not a Future`);
  });
  return list;
}

function readiness<T>(futures: Future<T>[], returnWhen: ReturnWhen): () => boolean {
  if (returnWhen === FIRST_COMPLETED)
    return () => futures.length === 0 || futures.some((f) => f.done());
  if (returnWhen === FIRST_EXCEPTION) {
    return () => futures.some((f) => f.done() && f.failed) || futures.every((f) => f.done());
  }
  return () => futures.every((f) => f.done());
}

function parse<T>(futures: Iterable<Future<T>>, options: WaitOptions) {
  if (options === null || typeof options !== "object")
    throw new TypeError("options must be an object");
  const { timeout, returnWhen = ALL_COMPLETED } = options;
  if (![FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED].includes(returnWhen)) {
    throw new TypeError(
      `options.returnWhen must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got ${String(returnWhen)}`,
    );
  }
  const list = checkFutures(futures, "wait()");
  return {
    list,
    deadline: deadlineAfter(checkTimeout(timeout, "options.timeout")),
    ready: readiness(list, returnWhen),
  };
}

function split<T>(futures: Future<T>[]): DoneAndNotDone<T> {
  const done = new Set<Future<T>>();
  const notDone = new Set<Future<T>>();
  for (const future of futures) (future.done() ? done : notDone).add(future);
  return { done, notDone };
}

/**
 * Waits for the futures, until `returnWhen` holds or `timeout` ms pass, and
 * returns which are done. Python: `concurrent.futures.wait`. Blocks the
 * calling thread; see {@link waitFuturesAsync}.
 */
export function waitFutures<T>(
  futures: Iterable<Future<T>>,
  options: WaitOptions = {},
): DoneAndNotDone<T> {
  const { list, deadline, ready } = parse(futures, options);
  if (!ready()) {
    assertCanBlock("wait()", "await waitAsync()");
    runBlocking(waitUntilReady(ready, deadline));
  }
  return split(list);
}

/** The async twin of {@link waitFutures}. */
export async function waitFuturesAsync<T>(
  futures: Iterable<Future<T>>,
  options: WaitOptions = {},
): Promise<DoneAndNotDone<T>> {
  if (stepping) return waitFutures(futures, options); // step mode: the blocking twin (see asStepped)
  const { list, deadline, ready } = parse(futures, options);
  await runAsync(waitUntilReady(ready, deadline));
  return split(list);
}

/**
 * Yields each future as it finishes (those already done first). Python:
 * `as_completed`. Blocks the calling thread between futures; see
 * {@link asCompletedAsync}.
 * @throws TimeoutError if some are still not done `timeout` ms after the call.
 */
export function asCompleted<T>(
  futures: Iterable<Future<T>>,
  timeout?: number,
): Generator<Future<T>> {
  const pending = new Set(checkFutures(futures, "asCompleted()"));
  const deadline = deadlineAfter(checkTimeout(timeout));
  const total = pending.size;
  return (function* () {
    while (pending.size > 0) {
      const ready = () => [...pending].some((f) => f.done());
      if (!ready()) {
        assertCanBlock("asCompleted()", "asCompletedAsync()");
        if (!runBlocking(waitUntilReady(ready, deadline))) throw unfinished(pending.size, total);
      }
      for (const future of [...pending]) {
        if (!future.done()) continue;
        pending.delete(future);
        yield future;
      }
    }
  })();
}

/** The async twin of {@link asCompleted}: `for await (const f of asCompletedAsync(fs))`. */
export async function* asCompletedAsync<T>(
  futures: Iterable<Future<T>>,
  timeout?: number,
): AsyncGenerator<Future<T>> {
  if (stepping) {
    yield* asCompleted(futures, timeout);
    return;
  }
  const pending = new Set(checkFutures(futures, "asCompletedAsync()"));
  const deadline = deadlineAfter(checkTimeout(timeout));
  const total = pending.size;
  while (pending.size > 0) {
    const ready = () => [...pending].some((f) => f.done());
    if (!(await runAsync(waitUntilReady(ready, deadline)))) throw unfinished(pending.size, total);
    for (const future of [...pending]) {
      if (!future.done()) continue;
      pending.delete(future);
      yield future;
    }
  }
}

function unfinished(left: number, total: number): TimeoutError {
  return new TimeoutError(`${left} (of ${total}) futures unfinished`);
}
