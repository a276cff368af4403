/**
 * What happens to an error that ends a thread: Python's
 * `threading.excepthook`. By default it is reported on stderr with the
 * thread's name and the original stack; a program may replace the hook.
 */
import { runtime } from "../runtime/index.ts";
import type { ThreadIdentity } from "./context.ts";

export interface ExceptHookArgs {
  /** What the thread's target threw. */
  exception: unknown;
  /** The thread it ended. */
  thread: ThreadIdentity;
}

export type ExceptHook = (args: ExceptHookArgs) => void;

const defaultHook: ExceptHook = ({ exception, thread }) => {
  const detail =
    exception instanceof Error ? (exception.stack ?? String(exception)) : String(exception);
  runtime.writeLine("stderr", `Exception in thread ${thread.name}:\n${detail}`);
};

let hook: ExceptHook = defaultHook;

/**
 * Replaces the hook (pass `null` to restore the default). Module state is per
 * thread: call it at the top level of your module so that every thread runs it.
 */
export function setExcepthook(next: ExceptHook | null): void {
  if (next !== null && typeof next !== "function")
    throw new TypeError("hook must be a function or null");
  hook = next ?? defaultHook;
}

/** Reports an error that ended a thread. A hook that throws is reported too, never swallowed. */
export function reportThreadError(args: ExceptHookArgs): void {
  try {
    hook(args);
  } catch (hookError) {
    defaultHook(args);
    defaultHook({ exception: hookError, thread: args.thread });
  }
}
