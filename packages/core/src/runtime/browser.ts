/**
 * The browser, worker side. The page (see `../host/`) creates every worker:
 * in Chromium a worker that creates a worker and then blocks deadlocks, as the
 * child never starts. So a worker asks the page to start a thread, and sends
 * its output and trace events to the page. A worker learns whether it runs
 * the program's main function or a thread from its first ("boot") message.
 */
import { RuntimeError } from "../errors.ts";
import { formatValues } from "../io/format.ts";
import { current, enterThread, mainIdentity, markUnbooted } from "../thread/context.ts";
import { runMain, takePendingMain } from "../thread/main.ts";
import { runThread } from "../thread/run.ts";
import { tracer } from "../trace/trace.ts";
import type { Runtime, ThreadTask } from "./runtime.ts";

/** Messages between the page and its workers. */
export type HostMessage =
  | {
      type: "unravel:boot";
      role: "main";
      moduleUrl: string;
      process: SharedArrayBuffer;
      trace: boolean;
    }
  | { type: "unravel:boot"; role: "thread"; task: ThreadTask };

export type WorkerMessage =
  | { type: "unravel:line"; stream: "stdout" | "stderr"; text: string; thread: number }
  | { type: "unravel:trace"; event: import("../trace/trace.ts").TraceEvent }
  | { type: "unravel:spawn"; task: ThreadTask }
  | { type: "unravel:thread-done"; ident: number }
  | { type: "unravel:main-done"; error?: string }
  | { type: "unravel:exit"; code: number };

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: "message", listener: (event: MessageEvent<HostMessage>) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent<HostMessage>) => void): void;
}

export function browserRuntime(): Runtime {
  const scope = globalThis as unknown as WorkerScope & { WorkerGlobalScope?: Function };
  const inWorker =
    typeof scope.WorkerGlobalScope === "function" && scope instanceof scope.WorkerGlobalScope;
  const post = (message: WorkerMessage) => scope.postMessage(message);

  const runtime: Runtime = {
    writeLine(stream, text) {
      if (inWorker) post({ type: "unravel:line", stream, text, thread: current().ident });
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
      post({ type: "unravel:spawn", task });
    },
    failMain(error) {
      const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      runtime.writeLine("stderr", detail);
      if (inWorker) post({ type: "unravel:main-done", error: detail });
    },
    exit(code) {
      if (inWorker) post({ type: "unravel:exit", code });
    },
  };

  if (inWorker) {
    markUnbooted();
    const onBoot = (event: MessageEvent<HostMessage>) => {
      if (event.data?.type !== "unravel:boot") return;
      scope.removeEventListener("message", onBoot);
      boot(event.data).catch((error) => runtime.failMain(error));
    };
    scope.addEventListener("message", onBoot);
  }

  async function boot(message: HostMessage): Promise<void> {
    if (message.role === "thread") {
      takePendingMain(); // this worker runs a thread: the module's main function is not ours to run
      tracer.on = message.task.trace;
      tracer.sink = (event) => post({ type: "unravel:trace", event });
      await runThread(message.task);
      post({ type: "unravel:thread-done", ident: message.task.identity.ident });
      return;
    }
    enterThread("main", mainIdentity(), message.process, null);
    tracer.on = message.trace;
    tracer.sink = (event) => post({ type: "unravel:trace", event });
    const namespace = (await import(/* @vite-ignore */ message.moduleUrl)) as Record<
      string,
      unknown
    >;
    const pending = takePendingMain();
    if (!pending)
      throw new Error(
        `${message.moduleUrl} did not call main(import.meta, …): there is nothing to run`,
      );
    await runMain(message.moduleUrl, namespace, pending.fn);
    post({ type: "unravel:main-done" });
  }

  return runtime;
}
