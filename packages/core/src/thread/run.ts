/**
 * The worker side of a thread: enter the thread's identity, import the
 * program's module, call the target with its revived arguments, and report
 * the end through the control block. Shared by every runtime.
 */
import { threadEnded, threadEnding } from "../diagnose/waits.ts";
import type { ThreadTask } from "../runtime/runtime.ts";
import { trace, tracer } from "../trace/trace.ts";
import { builtinTarget } from "./builtin.ts";
import { enterThread } from "./context.ts";
import { DONE, RUNNING, STATE, writeError } from "./control.ts";
import { reportThreadError } from "./excepthook.ts";
import { registerModule } from "./main.ts";
import { unregister } from "./registry.ts";
import { decodeInThread } from "./transfer.ts";

/** `loaded`: the program's module, when a warm worker imported it already (saves a trip through the loader). */
export async function runThread(task: ThreadTask, loaded?: Record<string, unknown>): Promise<void> {
  enterThread("thread", task.identity, task.process, task.control);
  const state = new Int32Array(task.control);
  Atomics.store(state, STATE, RUNNING);
  if (tracer.on) trace("thread-start", { name: task.identity.name, daemon: task.identity.daemon });
  let failure: { error: unknown } | null = null;
  try {
    const namespace = loaded ?? ((await import(task.moduleUrl)) as Record<string, unknown>);
    registerModule(task.moduleUrl, namespace);
    const target = builtinTarget(task.exportName) ?? namespace[task.exportName];
    if (typeof target !== "function")
      throw new TypeError(`${task.exportName} is not a function in ${task.moduleUrl}`);
    const args = decodeInThread(task.args) as unknown[];
    await target(...args);
  } catch (error) {
    failure = { error };
    reportThreadError({ exception: error, thread: task.identity });
  } finally {
    threadEnding(task.identity.ident, task.identity.name); // no longer counts as blocked
    if (failure) writeError(task.control, failure.error);
    if (tracer.on) trace("thread-end", failure ? { error: String(failure.error) } : {});
    unregister(task.identity.ident);
    Atomics.store(state, STATE, DONE);
    Atomics.notify(state, STATE);
    threadEnded(task.identity.ident);
  }
}
