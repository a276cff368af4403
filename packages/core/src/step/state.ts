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

/**
 * In a browser worker, the page stands in for the environment: the boot
 * message carries main's step configuration (`config`, JSON like
 * `UNRAVEL_STEP`), and `sink` posts each record of the step log to the page
 * instead of appending it to a file. Set by `thread/boot.ts`.
 */
export const stepHost: { config: object | null; sink: ((entry: object) => void) | null } = {
  config: null,
  sink: null,
};

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
  /** A thread ended (`why`: its error): it hands the turn on; an end that was not its end step stops the run. */
  ended(ident: number, why?: string, name?: string): void;
  /** A thread ended before it reached step mode (its worker exited while booting): it counts as arrived, ended. */
  endedUnentered(block: SharedArrayBuffer, ident: number): void;
  /** The step block, for a new thread's task. */
  block(): SharedArrayBuffer | undefined;
  /** The step fields of a new thread's task: the block, and the ids of the shared arrays among `args`. */
  task(args: readonly unknown[]): { step?: SharedArrayBuffer; stepArrays?: number[] };
  /** A thread's side of `task`: its arguments' shared arrays get the ids their starter gave them. */
  adopt(args: unknown[], ids: number[] | undefined): void;
  /** A shared array made in step mode: it gets its id (and the page is shown it). */
  made(array: ArrayBufferView): void;
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
  endedUnentered: () => {},
  block: () => undefined,
  task: () => ({}),
  adopt: () => {},
  made: () => {},
};

// Shared arrays of the program (not core's own words): their Atomics calls are step points.
const userBuffers = new WeakSet<SharedArrayBuffer>();

/**
 * Marks a shared array as the program's, so its `Atomics.*` calls are steps in
 * step mode. Always, not only in step mode: a browser worker learns that it
 * steps from its boot message, after the program's module (and the arrays it
 * makes at the top) has run. One WeakSet entry per array made, not per use.
 */
export function markShared<T extends ArrayBufferView>(array: T): T {
  userBuffers.add(array.buffer as SharedArrayBuffer);
  if (stepping) steps.made(array);
  return array;
}
// The memory layer knows nothing of step mode: it calls this hook for each array it makes.
arrays.hook = markShared;

/**
 * The shared arrays in `value` (a thread's arguments), each once, in the
 * order a walk meets them: into arrays, plain objects, Maps (keys, then
 * values) and Sets, as deep as they go — the shapes `thread/transfer.ts`
 * lets cross, which structured clone keeps in order, so the starter and the
 * thread list the same arrays alike.
 */
export function sharedIn(
  value: unknown,
  found: ArrayBufferView[] = [],
  seen = new Set<object>(),
): ArrayBufferView[] {
  if (value === null || typeof value !== "object" || seen.has(value)) return found;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof SharedArrayBuffer) found.push(value);
  } else if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) sharedIn(item, found, seen);
  } else if (value instanceof Map) {
    for (const [key, item] of value) {
      sharedIn(key, found, seen);
      sharedIn(item, found, seen);
    }
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null)
      for (const item of Object.values(value)) sharedIn(item, found, seen);
  }
  return found;
}

// Core's own words that reach a thread as arguments (a pool's control block): never the program's.
const coreBuffers = new WeakSet<SharedArrayBuffer>();

/** Marks arrays as core's own (a pool's words, made in step mode): they cross to threads, and are no steps. */
export function markCore(...arrays: ArrayBufferView[]): void {
  for (const array of arrays) coreBuffers.add(array.buffer as SharedArrayBuffer);
}

export function isCoreArray(array: ArrayBufferView): boolean {
  return coreBuffers.has(array.buffer as SharedArrayBuffer);
}

/** A thread's side of adoption: an array its starter called the program's is the program's here too. */
export function markUser(array: ArrayBufferView): void {
  userBuffers.add(array.buffer as SharedArrayBuffer);
}

export function isUserArray(array: unknown): boolean {
  return ArrayBuffer.isView(array) && userBuffers.has(array.buffer as SharedArrayBuffer);
}
