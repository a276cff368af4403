/**
 * `print`: one whole line per call, written at once from any thread. On Node
 * a worker's `console.log` travels through the main thread's event loop, so
 * a main thread blocked in `join` would hold it back and reorder lines;
 * `print` writes directly instead.
 */

import { runtime } from "../runtime/index.ts";
import { stepping, steps } from "../step/state.ts";
import { current } from "../thread/context.ts";
import { trace, tracer } from "../trace/trace.ts";

const options = { threadName: false };

export interface PrintOptions {
  /** Prefix each line with the name of the thread that printed it. @default false */
  threadName?: boolean;
}

/**
 * Sets how this thread prints. Options are per thread, like all module state:
 * call it at the top level of your module to apply it to every thread.
 */
export function setPrintOptions(next: PrintOptions): void {
  if (next.threadName !== undefined && typeof next.threadName !== "boolean") {
    throw new TypeError("options.threadName must be a boolean");
  }
  Object.assign(options, next);
}

/** Prints its arguments as one line, like Python's `print` (and `console.log`'s formatting). */
export function print(...values: unknown[]): void {
  let text = runtime.format(values);
  if (options.threadName) text = `${current().name}: ${text}`;
  if (stepping) steps.point("print", undefined, text);
  runtime.writeLine("stdout", text);
  if (tracer.on) trace("print", { text });
}
