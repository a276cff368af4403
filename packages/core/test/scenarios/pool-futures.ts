// A pool task's error reaches result() intact (class, message, stack, cause);
// a task no worker has started can be cancelled; wait(FIRST_COMPLETED),
// asCompleted and addDoneCallback see each future finish; shutdown with
// cancelFutures cancels what has not started.
import {
  asCompleted,
  CancelledError,
  Event,
  FIRST_COMPLETED,
  main,
  print,
  sleep,
  ThreadPoolExecutor,
  wait,
} from "../../src/index.ts";

export class ParseError extends Error {
  override name = "ParseError";
}

let gate: Event | undefined;

export function setup(event: Event): void {
  gate = event;
}

export function parse(row: number): number {
  throw new ParseError(`bad row ${row}`, { cause: new RangeError("column out of range") });
}

export function blockUntilGate(): string {
  gate!.wait(10_000);
  return "released";
}

export function napAfterGate(ms: number): number {
  gate!.wait(10_000);
  sleep(ms);
  return ms;
}

export function nap(ms: number): number {
  sleep(ms);
  return ms;
}

main(import.meta, () => {
  const event = new Event();
  const pool = new ThreadPoolExecutor({ maxWorkers: 1, initializer: setup, initargs: [event] });
  const failing = pool.submit(parse, 7);
  try {
    failing.result(10_000);
  } catch (error) {
    const e = error as Error;
    print(`error ${e instanceof ParseError} ${e.name}: ${e.message}`);
    print(`stack names parse ${String(e.stack).includes("parse")}`);
    print(`cause ${String(e.cause)}`);
  }
  print(`exception() ${(failing.exception() as Error).message}`);

  // One worker, blocked: the next task cannot start, so it can be cancelled.
  const blocker = pool.submit(blockUntilGate);
  while (!blocker.running()) sleep(1);
  const queued = pool.submit(nap, 1);
  print(`cancel queued ${queued.cancel()} cancelled ${queued.cancelled()} done ${queued.done()}`);
  print(`cancel running ${blocker.cancel()}`);
  try {
    queued.result();
  } catch (error) {
    print(`result of cancelled ${(error as Error) instanceof CancelledError}`);
  }
  let called = "";
  blocker.addDoneCallback((f) => {
    called = f.result();
  });
  const first = wait([blocker], { timeout: 50, returnWhen: FIRST_COMPLETED });
  print(`wait timed out with ${first.done.size} done ${first.notDone.size} not done`);
  event.set();
  print(`blocker ${blocker.result(10_000)} callback ${called}`);
  pool.shutdown();

  // Three tasks start together (released by one Event), then sleep different times.
  const start = new Event();
  using many = new ThreadPoolExecutor({ maxWorkers: 3, initializer: setup, initargs: [start] });
  const futures = [600, 10, 300].map((ms) => many.submit(napAfterGate, ms));
  while (!futures.every((f) => f.running())) sleep(1);
  start.set();
  const order = [...asCompleted(futures, 10_000)].map((f) => f.result());
  print(`asCompleted ${order.join(",")}`);
  many.shutdown();

  // One worker, busy: the four tasks behind it have not started, so
  // shutdown({ cancelFutures }) cancels all four and lets the busy one finish.
  const one = new ThreadPoolExecutor({ maxWorkers: 1 });
  const slow = one.submit(nap, 200);
  while (!slow.running()) sleep(1);
  const later = [1, 2, 3, 4].map(() => one.submit(nap, 1));
  one.shutdown({ cancelFutures: true });
  const cancelled = later.filter((f) => f.cancelled()).length;
  print(`after cancelFutures slow ${slow.result()} cancelled ${cancelled}`);
  let refused = "";
  try {
    one.submit(nap, 1);
  } catch (error) {
    refused = (error as Error).message;
  }
  print(`submit after shutdown: ${refused}`);

  using timed = new ThreadPoolExecutor({ maxWorkers: 1 });
  const long = timed.submit(nap, 400);
  try {
    long.result(50);
  } catch (error) {
    print(`result(50) ${(error as Error).name}`);
  }
  try {
    for (const _ of timed.map(nap, [300], { timeout: 50 }));
  } catch (error) {
    print(`map timeout ${(error as Error).name}`);
  }
});
