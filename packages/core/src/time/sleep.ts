/**
 * `sleep`: Python's `time.sleep`, in milliseconds. It blocks only the calling
 * thread, by waiting on a private word that nobody ever wakes.
 */

import { runtime } from "../runtime/index.ts";
import { stepping, steps } from "../step/state.ts";
import { assertCanBlock, checkTimeout } from "../sync/futex.ts";
import { trace, tracer } from "../trace/trace.ts";

let nap: Int32Array | null = null;

/** Blocks the calling thread for `ms` milliseconds. On a browser page's own thread use {@link sleepAsync}. */
export function sleep(ms: number): void {
  checkDuration(ms);
  assertCanBlock("sleep()", "await sleepAsync()");
  if (stepping) {
    steps.sleep(ms); // virtual time
    return;
  }
  nap ??= new Int32Array(new SharedArrayBuffer(4));
  runtime.beforeWait();
  if (tracer.on) trace("block", { op: "sleep" });
  Atomics.wait(nap, 0, 0, ms);
  if (tracer.on) trace("unblock", { op: "sleep", ok: true });
}

/** The async twin of {@link sleep}: resolves after `ms` milliseconds. */
export async function sleepAsync(ms: number): Promise<void> {
  checkDuration(ms);
  if (tracer.on) trace("block", { op: "sleep" });
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (tracer.on) trace("unblock", { op: "sleep", ok: true });
}

function checkDuration(ms: number): void {
  if (ms === undefined) throw new TypeError("ms must be a number of milliseconds, got undefined");
  if (ms < 0) throw new RangeError(`ms must be a non-negative number of milliseconds, got ${ms}`);
  checkTimeout(ms, "ms");
}
