/**
 * Connects the platform (`../runtime/`) to the thread layer, once, when the
 * library loads: where Node's worker script is, where trace events go, and
 * in a browser worker, what to run once the page's boot message says which
 * role this worker has. The runtime knows nothing of threads; this is the
 * one place that hands it what it needs from above.
 */

import { formatValues } from "../io/format.ts";
import { type HostMessage, inWorker, onBoot, post, setWriter } from "../runtime/browser.ts";
import { runtime } from "../runtime/index.ts";
import { tracer } from "../trace/trace.ts";
import { enterThread, mainIdentity, markUnbooted } from "./context.ts";
import { runMain, takePendingMain } from "./main.ts";
import { runThread } from "./run.ts";

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
  routeConsole(); // from the start: what the module prints at import is held by the page until boot
  onBoot((message) => {
    boot(message).catch((error) => runtime.failMain(error));
  });
}

async function boot(message: HostMessage): Promise<void> {
  tracer.sink = (event) => post({ type: "unravel:trace", event });
  if (message.role === "thread") {
    takePendingMain(); // this worker runs a thread: the module's main function is not ours to run
    tracer.on = message.task.trace;
    setWriter(message.task.identity.ident);
    await runThread(message.task);
    post({ type: "unravel:thread-done", ident: message.task.identity.ident });
    return;
  }
  enterThread("main", mainIdentity(), message.process, null);
  tracer.on = message.trace;
  setWriter(mainIdentity().ident);
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
