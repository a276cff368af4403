/**
 * `ThreadPoolExecutor.map`'s parts: its arguments zipped as Python's `zip`
 * does, and the generators that hand back results in order.
 */
import { describe } from "../sync/futex.ts";
import type { Future } from "./future.ts";

export function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "string" ||
    (typeof value === "object" && value !== null && Symbol.iterator in value)
  );
}

export function checkMs(timeout: unknown): number {
  if (typeof timeout !== "number" || Number.isNaN(timeout) || timeout < 0) {
    throw new RangeError(
      `options.timeout must be a non-negative number of milliseconds, got ${String(timeout)}`,
    );
  }
  return timeout;
}

export function zip(iterables: Iterable<unknown>[]): unknown[][] {
  const iterators = iterables.map((it) => {
    if (!isIterable(it))
      throw new TypeError(`map() arguments must be iterables, got ${describe(it)}`);
    return it[Symbol.iterator]();
  });
  const rows: unknown[][] = [];
  for (;;) {
    const row: unknown[] = [];
    for (const iterator of iterators) {
      const next = iterator.next();
      if (next.done) return rows;
      row.push(next.value);
    }
    rows.push(row);
  }
}

export function* mapResults<R>(futures: Future<R>[], deadline: number): Generator<R> {
  let next = 0;
  try {
    for (; next < futures.length; next++) {
      const left =
        deadline === Number.POSITIVE_INFINITY
          ? undefined
          : Math.max(0, deadline - performance.now());
      yield futures[next]!.result(left);
    }
  } finally {
    for (let i = next + 1; i < futures.length; i++) futures[i]!.cancel();
  }
}

export async function* mapResultsAsync<R>(
  futures: Future<R>[],
  deadline: number,
): AsyncGenerator<R> {
  let next = 0;
  try {
    for (; next < futures.length; next++) {
      const left =
        deadline === Number.POSITIVE_INFINITY
          ? undefined
          : Math.max(0, deadline - performance.now());
      yield await futures[next]!.resultAsync(left);
    }
  } finally {
    for (let i = next + 1; i < futures.length; i++) futures[i]!.cancel();
  }
}
