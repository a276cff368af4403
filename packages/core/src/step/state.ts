/**
 * Step mode's switch, at the bottom of the library: the flag every step
 * point tests, and the hooks the engine (`engine.ts`, above the thread
 * layer) fills in. A primitive calls `if (stepping) steps.point(…)`: with
 * step mode off that is one predictable branch on a module-level boolean,
 * and nothing else runs. Imports nothing, so any layer may import it.
 */
import { arrays } from "../memory/shared.ts";
import type { WaitLoop } from "../sync/futex.ts";

/** Whether this thread runs in step mode (set once, before the program's code runs). */
export let stepping = false;

/** Step mode was asked for by the environment (`UNRAVEL_STEP`), in every thread of the run. */
export const stepRequested: boolean =
  typeof (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.UNRAVEL_STEP === "string";

export function setStepping(on: boolean): void {
  stepping = on;
}

/** What the engine does at each kind of step point. Filled in by `engine.ts`. */
export interface StepHooks {
  /** Waits for this thread's turn to take `op` on `object`, and records the step. */
  point(op: string, object?: string, text?: string): void;
  /** Drives a blocking wait loop: "would block" becomes "not enabled" until a step changes things. */
  run<T>(loop: WaitLoop<T>): T;
  /** Virtual time: `sleep(ms)` moves a clock that advances only when no thread can step. */
  sleep(ms: number): void;
  /** The virtual clock, in milliseconds since the run started. */
  now(): number;
  /** Main's first line: sets the run up when the environment asks for step mode. */
  begin(): void;
  /** Main's function returned: it waits, stepped, for the other threads. */
  mainEnd(): void;
  /** A thread's first line: adopts the step block and waits for its first turn. */
  enter(block: SharedArrayBuffer): void;
  /** `Thread.start()`: the new thread counts as starting until it reaches its first line. */
  started(identity: { ident: number; daemon: boolean }): void;
  /** A thread ended: it hands the turn on. */
  ended(ident: number): void;
  /** The step block, for a new thread's task. */
  block(): SharedArrayBuffer | undefined;
}

export const steps: StepHooks = {
  point: () => {},
  run: () => {
    throw new Error("step mode is not set up");
  },
  sleep: () => {},
  now: () => 0,
  begin: () => {},
  mainEnd: () => {},
  enter: () => {},
  started: () => {},
  ended: () => {},
  block: () => undefined,
};

// Shared arrays of the program (not core's own words): their Atomics calls are step points.
const userBuffers = new WeakSet<SharedArrayBuffer>();

/** Marks a shared array as the program's, so its `Atomics.*` calls are steps in step mode. */
export function markShared<T extends ArrayBufferView>(array: T): T {
  if (stepRequested || stepping) userBuffers.add(array.buffer as SharedArrayBuffer);
  return array;
}
// The memory layer knows nothing of step mode: it calls this hook for each array it makes.
arrays.hook = markShared;

/** Marks the shared arrays among a thread's arguments (and one level inside arrays and objects). */
export function markSharedIn(value: unknown, depth = 2): void {
  if (value === null || typeof value !== "object" || depth < 0) return;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof SharedArrayBuffer) userBuffers.add(value.buffer);
    return;
  }
  if (Array.isArray(value)) for (const item of value) markSharedIn(item, depth - 1);
  else if (Object.getPrototypeOf(value) === Object.prototype)
    for (const item of Object.values(value)) markSharedIn(item, depth - 1);
}

export function isUserArray(array: unknown): boolean {
  return ArrayBuffer.isView(array) && userBuffers.has(array.buffer as SharedArrayBuffer);
}
