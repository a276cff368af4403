/**
 * The first file every Node thread's worker loads (`thread/boot.ts` names
 * it). Plain JavaScript, so that loading it strips no types: it turns on
 * Node's compile cache for this worker before the library's .ts files load,
 * so that each new worker reuses their stripped and compiled code instead of
 * stripping ~50 files again in its own isolate (the cold start of a thread
 * then costs about what a bare worker's does: packages/bench, "Thread.start()
 * to first line"). The cache is Node's own (NODE_COMPILE_CACHE, or
 * node-compile-cache in the temp folder), keyed by each file's content, so a
 * changed source is compiled again; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import { enableCompileCache } from "node:module";

enableCompileCache?.();
// Built into core's Node bundle (build-node.mjs) too: stacks then name src/…ts lines.
process.setSourceMapsEnabled(true);
// Which core this worker runs, for ../../index.js: the program's module must
// load the same one (its bundle, or src/), whatever the sources look like now.
globalThis[Symbol.for("@unravel/core bundled")] = !import.meta.url.endsWith("node-worker-entry.js");
// Not awaited: a top-level await makes a module's evaluation async, and V8
// aborts ("Check failed: (location_) != nullptr" in
// SourceTextModule::AsyncModuleExecutionFulfilled, exit 133) when the worker
// is terminated (the program exits) just as such an evaluation resumes. A
// failed import is an unhandled rejection, which ends the worker with it as
// its error, as an awaited one did.
import("./node-worker.ts");
