/**
 * The worker side of a thread: enter the thread's identity, import the
 * program's module, call the target with its revived arguments, and report
 * the end through the control block. Shared by every runtime.
 */
import { armModuleTrap, disarmModuleTrap } from "../diagnose/trap.ts";
import { threadEnded, threadEnding } from "../diagnose/waits.ts";
import type { ThreadTask } from "../runtime/runtime.ts";
import { stepping, steps } from "../step/state.ts";
import { trace, tracer } from "../trace/trace.ts";
import { builtinTarget } from "./builtin.ts";
import { enterThread } from "./context.ts";
import { DONE, ENDING, RUNNING, STATE, writeError } from "./control.ts";
import { reportThreadError } from "./excepthook.ts";
import { registerModule } from "./main.ts";
import { countThreadOut, unregister } from "./registry.ts";
import { decodeInThread } from "./transfer.ts";

/** `loaded`: the program's module, when a warm worker imported it already (saves a trip through the loader). */
export async function runThread(task: ThreadTask, loaded?: Record<string, unknown>): Promise<void> {
  enterThread("thread", task.identity, task.process, task.control);
  const state = new Int32Array(task.control);
  Atomics.store(state, STATE, RUNNING);
  Atomics.notify(state, STATE); // the starter's runtime waits for this to warm its next spare
  if (tracer.on) trace("thread-start", { name: task.identity.name, daemon: task.identity.daemon });
  let failure: { error: unknown } | null = null;
  try {
    armModuleTrap(); // primitives made while the module evaluates are the module-state trap
    let namespace: Record<string, unknown>;
    try {
      namespace = loaded ?? ((await import(task.moduleUrl)) as Record<string, unknown>);
    } finally {
      disarmModuleTrap(true);
    }
    registerModule(task.moduleUrl, namespace);
    enterStepMode(task);
    const target = builtinTarget(task.exportName) ?? namespace[task.exportName];
    if (typeof target !== "function")
      throw new TypeError(`${task.exportName} is not a function in ${task.moduleUrl}`);
    const args = decodeInThread(task.args) as unknown[];
    if (stepping) steps.adopt(args, task.stepArrays);
    await target(...args);
  } catch (error) {
    enterStepMode(task); // a module that failed to load still ends as a step
    failure = { error };
    reportThreadError({ exception: error, thread: task.identity });
  } finally {
    if (stepping) steps.point("thread-end");
    if (tracer.on) trace("thread-end", failure ? { error: String(failure.error) } : {});
    markEnded(task, failure);
  }
}

/**
 * Step mode: the thread waits for its first turn once its module is loaded,
 * so that a slow load (a busy machine, a big program) counts as booting, not
 * as a thread running without reaching a step point. (A warm worker loaded
 * the module before this task existed, so module code is never stepped.)
 */
function enterStepMode(task: ThreadTask): void {
  if (task.step && !entered.has(task)) {
    entered.add(task);
    steps.enter(task.step);
  }
}
const entered = new WeakSet<ThreadTask>();

/**
 * The one way a thread is marked ended: its error (if any) is written, it
 * leaves the registry and the count of live threads, and joiners wake.
 * Idempotent: the first caller (the thread, its dying worker, or the worker's
 * parent) wins.
 */
export function markEnded(task: ThreadTask, failure: { error: unknown } | null): void {
  startedHere.delete(task);
  const state = new Int32Array(task.control);
  // Claim the end before any of it is written: two callers at once (the thread
  // and the worker that takes it down) would otherwise both mark it, and the
  // later one's "ending" would land after the first one's "ended" and stay.
  for (;;) {
    const now = Atomics.load(state, STATE);
    if (now === DONE || now === ENDING) return;
    if (Atomics.compareExchange(state, STATE, now, ENDING) === now) break;
  }
  threadEnding(task.identity.ident, task.identity.name); // no longer counts as blocked
  if (failure) writeError(task.control, failure.error);
  unregister(task.identity.ident);
  Atomics.store(state, STATE, DONE);
  countThreadOut();
  Atomics.notify(state, STATE);
  threadEnded(task.identity.ident);
  if (stepping) {
    const why =
      failure && (failure.error instanceof Error ? failure.error.message : String(failure.error));
    steps.ended(task.identity.ident, why ?? undefined, task.identity.name); // hands the turn on
  } else if (task.step) steps.endedUnentered(task.step, task.identity.ident); // died booting
}

/**
 * The threads this thread started that it has not seen end. Node ends a
 * worker's workers with it, so when this thread's worker exits, a thread it
 * started that still runs (a daemon: only those let it exit) is stopped in
 * the middle, and neither that thread nor its starter can say so after.
 */
export const startedHere = new Set<ThreadTask>();

/** This thread's worker exits: the threads it started still running are ended with it, with an error saying why. */
export function endStartedHere(starter: string): void {
  for (const task of startedHere) {
    const { name } = task.identity;
    const error = new Error(
      `thread ${name} was stopped when the worker of ${starter}, which started it, exited ` +
        "(a thread's worker takes the threads it started with it). Start it from the main thread, " +
        "or have its starter join it.",
    );
    markEnded(task, { error });
  }
}

/**
 * Marks a thread ended when its worker exits before the target returned
 * (process.exit in the thread, or killed), so that join and pools learn of it.
 */
export function endedEarly(task: ThreadTask, code: number): void {
  const { name } = task.identity;
  const error = new Error(`thread ${name} exited with code ${code} before its target returned`);
  markEnded(task, { error });
}

/**
 * Marks a thread ended whose target returned a promise that can never settle:
 * its worker's event loop ran out of work while the promise was pending.
 * Reported like a thrown error, so it is neither silent nor mistaken for an exit.
 */
export function neverSettled(task: ThreadTask): void {
  const { name } = task.identity;
  const error = new Error(
    `the target of thread ${name} returned a promise that never settled: nothing was left ` +
      "for it to wait on (no timer, I/O or message). Is it awaiting a promise that nobody " +
      "resolves? (Blocking calls need no await; their async twins need the other side to act.)",
  );
  error.stack = `Error: ${error.message}`; // the library's frames would only mislead
  const now = Atomics.load(new Int32Array(task.control), STATE);
  if (now === DONE || now === ENDING) return;
  // Its event loop ran dry in its turn: the end is still the thread's own step.
  if (stepping) steps.point("thread-end");
  reportThreadError({ exception: error, thread: task.identity });
  markEnded(task, { error });
}
