/**
 * Connects the platform (`../runtime/`) to the thread layer, once, when the
 * library loads: where Node's worker script is, where trace events go, and
 * in a browser worker, what to run once the page's boot message says which
 * role this worker has. The runtime knows nothing of threads; this is the
 * one place that hands it what it needs from above.
 */

import { armModuleTrap, disarmModuleTrap } from "../diagnose/trap.ts";
import { formatValues } from "../io/format.ts";
import { type HostMessage, inWorker, onBoot, post, setWriter } from "../runtime/browser.ts";
import { runtime } from "../runtime/index.ts";
import { stepHost } from "../step/state.ts";
import { tracer } from "../trace/trace.ts";
import { enterThread, mainIdentity, markUnbooted } from "./context.ts";
import { runMain, takePendingMain } from "./main.ts";
import { markEnded, runThread } from "./run.ts";

// Same folder as this file: in src/, the plain-JS entry that turns on the
// compile cache before node-worker.ts loads; in the flat dist/, the built worker.
runtime.setWorkerScript(
  new URL(
    import.meta.url.endsWith(".ts") ? "./node-worker-entry.js" : "./node-worker.js",
    import.meta.url,
  ),
);

const traceFile = runtime.traceFile();
if (traceFile) {
  tracer.on = true;
  tracer.sink = (event) => traceFile(`${JSON.stringify(event)}\n`);
}

const isNode =
  typeof (globalThis as { process?: { getBuiltinModule?: unknown } }).process?.getBuiltinModule ===
  "function";

if (!isNode && inWorker) {
  markUnbooted();
  armModuleTrap(); // the program's module evaluates now, before the boot message says thread or main
  routeConsole(); // from the start: what the module prints at import is held by the page until boot
  onBoot((message) => {
    boot(message).catch((error) => runtime.failMain(error));
  });
}

async function boot(message: HostMessage): Promise<void> {
  tracer.sink = (event) => post({ type: "unravel:trace", event });
  stepHost.sink = (entry) => post({ type: "unravel:step", entry }); // step mode's log goes to the page
  if (message.role === "thread") {
    takePendingMain(); // this worker runs a thread: the module's main function is not ours to run
    tracer.on = message.task.trace;
    setWriter(message.task.identity.ident);
    onClose(() => {
      const { name } = message.task.identity;
      const error = new Error(
        `thread ${name} closed its worker (self.close()) before its target returned`,
      );
      error.stack = `Error: ${error.message}`;
      markEnded(message.task, { error }); // idempotent: nothing happens if the thread had ended
      post({ type: "unravel:thread-done", ident: message.task.identity.ident });
    });
    await runThread(message.task);
    post({ type: "unravel:thread-done", ident: message.task.identity.ident });
    return;
  }
  disarmModuleTrap(false); // this worker runs main: its module state is the program's
  if (message.step) stepHost.config = message.step; // step mode, as UNRAVEL_STEP asks for it in Node
  enterThread("main", mainIdentity(), message.process, null);
  tracer.on = message.trace;
  setWriter(mainIdentity().ident);
  onClose(() =>
    post({ type: "unravel:main-done", error: "the main program closed its worker (self.close())" }),
  );
  const namespace = (await import(/* @vite-ignore */ message.moduleUrl)) as Record<string, unknown>;
  const pending = takePendingMain();
  if (!pending)
    throw new Error(
      `${message.moduleUrl} did not call main(import.meta, …): there is nothing to run`,
    );
  await runMain(message.moduleUrl, namespace, pending.fn);
  post({ type: "unravel:main-done" });
}

/**
 * A worker that calls `self.close()` ends at the end of its current task, and
 * says nothing to the page (messages posted after close are dropped): the
 * page would wait forever for its thread, and join with it. So `close` first
 * tells what `ended` says, while messages still go out.
 */
function onClose(ended: () => void): void {
  const scope = globalThis as { close?: () => void };
  const close = scope.close;
  if (typeof close !== "function") return;
  scope.close = () => {
    scope.close = close;
    ended();
    close.call(globalThis);
  };
}

/**
 * A browser worker's `console` writes to the devtools of its worker, which
 * the page's output never shows: send its lines to the page too, as `print`
 * does, and keep the devtools copy.
 */
function routeConsole(): void {
  const target = console as unknown as Record<string, (...values: unknown[]) => void>;
  const streams = {
    log: "stdout",
    info: "stdout",
    debug: "stdout",
    warn: "stderr",
    error: "stderr",
  };
  for (const [method, stream] of Object.entries(streams) as [string, "stdout" | "stderr"][]) {
    const original = target[method]!.bind(console);
    target[method] = (...values: unknown[]) => {
      runtime.writeLine(stream, formatValues(values));
      original(...values);
    };
  }
}
