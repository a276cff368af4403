/**
 * `Timer`: Python's `threading.Timer` — a thread that waits `interval` ms on
 * an `Event`, then calls the function unless `cancel()` set the event first.
 */
import { Event } from "../sync/event.ts";
import { checkTimeout } from "../sync/futex.ts";
import { registerBuiltinTarget } from "./builtin.ts";
import { nextThreadNumber } from "./context.ts";
import { type ExportRef, exportRef, resolveExport } from "./exports.ts";
import { Thread } from "./thread.ts";

/** The thread's target: wait out the interval, then run the function if not cancelled. */
async function timerTarget(
  finished: Event,
  interval: number,
  fn: ExportRef,
  args: unknown[],
): Promise<void> {
  try {
    if (!finished.wait(interval)) await resolveExport(fn)(...args);
  } finally {
    finished.set();
  }
}

registerBuiltinTarget("unravel:timer", timerTarget);

export interface TimerOptions {
  /** @default "Thread-N (function)" */
  name?: string;
  /** @default the creating thread's flag */
  daemon?: boolean;
}

/**
 * Calls `fn(...args)` in a new thread after `interval` ms, unless cancelled
 * first. `fn` must be an exported function of the program's module, like a
 * thread target. Python: `threading.Timer` (interval in ms, not seconds).
 *
 * @example
 * ```ts
 * export function ring(who: string) { print(`ring, ${who}`); }
 * main(import.meta, () => {
 *   const timer = new Timer(500, ring, ["world"]);
 *   timer.start(); // rings in half a second unless timer.cancel() comes first
 * });
 * ```
 */
export class Timer<Args extends unknown[] = unknown[]> extends Thread {
  readonly #finished: Event;
  readonly #fn: (...args: Args) => unknown;
  readonly #timerArgs: unknown[];

  /**
   * @param interval milliseconds to wait before calling `fn`.
   * @throws RangeError if `interval` is negative; TypeError if `fn` is not a function or `args` not an array.
   */
  constructor(
    interval: number,
    fn: (...args: Args) => unknown,
    args?: Args,
    options: TimerOptions = {},
  ) {
    if (interval === undefined)
      throw new TypeError("interval must be a number of milliseconds, got undefined");
    if (interval === -1) {
      throw new RangeError("interval must be a non-negative number of milliseconds, got -1");
    }
    checkTimeout(interval, "interval"); // where -1 alone would mean "forever"
    if (typeof fn !== "function") throw new TypeError("fn must be a function");
    if (args !== undefined && !Array.isArray(args))
      throw new TypeError("args must be an array of arguments");
    const finished = new Event();
    const timerArgs: unknown[] = [finished, interval, null, args ?? []];
    super({
      target: timerTarget as (...args: unknown[]) => unknown,
      args: timerArgs,
      name: options.name ?? `Thread-${nextThreadNumber()} (${fn.name || "anonymous"})`,
      daemon: options.daemon,
    });
    this.#finished = finished;
    this.#fn = fn;
    this.#timerArgs = timerArgs;
  }

  /**
   * Starts the timer's thread.
   * @throws RuntimeError if `fn` is not exported from the program's module, or the timer was started before.
   */
  override start(): void {
    this.#timerArgs[2] ??= exportRef(this.#fn, "the Timer function");
    super.start();
  }

  /** Stops the timer if it is still waiting: `fn` will not be called. */
  cancel(): void {
    this.#finished.set();
  }
}
