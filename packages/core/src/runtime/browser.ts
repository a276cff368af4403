/**
 * The browser, worker side. The page (see `../host/`) creates every worker:
 * in Chromium a worker that creates a worker and then blocks deadlocks, as the
 * child never starts. So a worker asks the page to start a thread, and sends
 * its output and trace events to the page. Which role a worker has (the
 * program's main function, or a thread) comes in its first ("boot") message,
 * which `../thread/boot.ts` handles.
 */
import { RuntimeError } from "../errors.ts";
import { formatValues } from "../io/format.ts";
import type { Runtime, ThreadTask } from "./runtime.ts";

/** Messages between the page and its workers. */
export type HostMessage =
  | {
      type: "unravel:boot";
      role: "main";
      moduleUrl: string;
      process: SharedArrayBuffer;
      trace: boolean;
      /** Step mode's configuration (`StepConfig`, as `UNRAVEL_STEP` gives it in Node). */
      step?: object;
    }
  | { type: "unravel:boot"; role: "thread"; task: ThreadTask };

export type WorkerMessage =
  | { type: "unravel:line"; stream: "stdout" | "stderr"; text: string; thread: number }
  | { type: "unravel:trace"; event: import("../trace/trace.ts").TraceEvent }
  | { type: "unravel:spawn"; task: ThreadTask }
  | { type: "unravel:thread-done"; ident: number }
  | { type: "unravel:main-done"; error?: string }
  /** Step mode: one entry of its log (a step, a paused state, a shared array, a lock's holder, the end). */
  | { type: "unravel:step"; entry: object }
  | { type: "unravel:exit"; code: number; deadlock?: import("./runtime.ts").DeadlockGraph };

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: "message", listener: (event: MessageEvent<HostMessage>) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent<HostMessage>) => void): void;
}

const scope = globalThis as unknown as WorkerScope & { WorkerGlobalScope?: Function };

/** Whether this code runs in a Web Worker (which the host page started). */
export const inWorker =
  typeof scope.WorkerGlobalScope === "function" && scope instanceof scope.WorkerGlobalScope;

/** Sends a message to the page. */
export function post(message: WorkerMessage): void {
  scope.postMessage(message);
}

/** Calls `handle` with this worker's boot message, once. */
export function onBoot(handle: (message: HostMessage) => void): void {
  const listener = (event: MessageEvent<HostMessage>) => {
    if (event.data?.type !== "unravel:boot") return;
    scope.removeEventListener("message", listener);
    handle(event.data);
  };
  scope.addEventListener("message", listener);
}

/** The ident of the thread this worker runs, which the page shows with each line. */
let writer = 0;

export function setWriter(ident: number): void {
  writer = ident;
}

export function browserRuntime(): Runtime {
  const runtime: Runtime = {
    writeLine(stream, text) {
      if (inWorker) post({ type: "unravel:line", stream, text, thread: writer });
      else if (stream === "stdout") console.log(text);
      else console.error(text);
    },
    format: formatValues,
    checkCanStartThreads() {
      if (!inWorker) {
        throw new RuntimeError(
          "a browser page cannot run threads itself (it may not block): start the program " +
            "with startRun() from @unravel/core/host, which runs it in workers",
        );
      }
    },
    startThread(task) {
      // The page starts the worker and learns of its end; nothing comes back here.
      post({ type: "unravel:spawn", task });
    },
    failMain(error) {
      const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      runtime.writeLine("stderr", detail);
      if (inWorker) post({ type: "unravel:main-done", error: detail });
    },
    threadLimit: () => null, // the page's workers live in the tab's own memory budget
    memoryShortage: () => null,
    setWorkerScript() {}, // a thread runs the program's own bundle
    traceFile: () => null, // trace events are posted to the page (onTrace)
    processView: () => undefined,
    beforeWait() {},
    blocking: (wait) => wait(),
    interruptible: (wait) => wait(),
    exit(code, deadlock) {
      if (inWorker) post({ type: "unravel:exit", code, ...(deadlock && { deadlock }) });
    },
  };
  return runtime;
}
