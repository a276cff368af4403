/**
 * The module-state trap. Every thread's worker evaluates the program's
 * module again, so a `Lock` (any primitive, or a shared array) made at its
 * top level is a different object in every thread: a naive port of Python's
 * `lock = threading.Lock()` protects nothing. While a thread's worker
 * evaluates the module, making shared memory records where (the first time);
 * once the thread is known to run, one warning per program goes to stderr.
 */
import { creation } from "../memory/shared.ts";
import { runtime } from "../runtime/index.ts";
import { isCoreFrame, shortSite, stackFrames } from "./deadlock.ts";
import { TRAP_WARNED } from "./layout.ts";
import { table } from "./waits.ts";

let pending: { kind: string; site: string } | null = null;

const ARRAYS = /^(?:Object\.)?(sharedInt32|sharedFloat64|sharedUint8)$/;
const MADE = /^new (\w+)$/;

/** What is being made, and where: the outermost core constructor (or shared-array function), and the first frame outside core. */
function madeHere(): { kind: string; site: string } {
  let kind = "shared object";
  for (const { fn, url, row, column } of stackFrames()) {
    if (isCoreFrame(fn, url)) {
      const made = MADE.exec(fn)?.[1] ?? ARRAYS.exec(fn)?.[1];
      if (made) kind = made;
      continue;
    }
    return { kind, site: `${url}:${row}:${column}` };
  }
  return { kind, site: "" };
}

function record(): void {
  pending ??= madeHere();
}

/** A worker is about to evaluate the program's module (or has started to, in the browser). */
export function armModuleTrap(): void {
  creation.hook = record;
}

/** The module is evaluated: `asThread` (the worker runs a thread, not main) warns, once per program. */
export function disarmModuleTrap(asThread: boolean): void {
  creation.hook = null;
  const made = pending;
  pending = null;
  if (!asThread || !made) return;
  if (Atomics.compareExchange(table().ints, TRAP_WARNED, 0, 1) !== 0) return;
  const array = ARRAYS.test(made.kind);
  const what = array ? `a shared array (${made.kind}(…))` : `a ${made.kind}`;
  const loss = array
    ? "what a thread writes there, main never sees"
    : `it protects nothing that the threads share`;
  runtime.writeLine(
    "stderr",
    `unravel: ${what} is made at the top level of the module, at ${shortSite(made.site)}. ` +
      "Every thread runs the module again, so each thread gets its own " +
      `${array ? "array" : made.kind}: ${loss}. ` +
      "Make it in main(…) and pass it to the threads as an argument " +
      `(new Thread({ target, args: [${array ? "counts" : "lock"}] })).`,
  );
}
