/**
 * What `import … from "@unravel/core"` loads on Node. Core's ~50 .ts sources
 * cost a fresh program ~130 ms of type stripping and compiling before its
 * first line (and the same again in every thread's worker); one bundle of
 * them costs ~15 ms. So this loads the bundle that `pnpm install` builds
 * (`build-node.mjs`, into .bundles/node/) when it was built from the
 * sources as they are now, and src/index.ts itself otherwise: a changed
 * source is never hidden by an old bundle. Stack traces still name the
 * src/…ts lines: source maps are on. UNRAVEL_CORE_SOURCES=1 always loads src/.
 *
 * The names below are the values src/index.ts exports: build-node.mjs
 * writes them when they differ (test/node-bundle.test.ts checks them).
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";

function bundleIsCurrent() {
  if (process.env.UNRAVEL_CORE_SOURCES === "1") return false;
  try {
    const root = new URL(".", import.meta.url);
    const sources = JSON.parse(readFileSync(new URL(".bundles/node/sources.json", root), "utf8"));
    return sources.every(({ path, size, mtimeMs }) => {
      const now = statSync(new URL(path, root), { throwIfNoEntry: false });
      return now !== undefined && now.size === size && now.mtimeMs === mtimeMs;
    });
  } catch {
    return false; // not built yet
  }
}

// In a thread's worker, the one its entry runs (see src/thread/node-worker-entry.js).
const current = globalThis[Symbol.for("@unravel/core bundled")] ?? bundleIsCurrent();
if (current) process.setSourceMapsEnabled(true);
// require(), not `await import()`: a top-level await here made the module
// graph of every program that imports core async, in every thread's worker
// too, and V8 aborts the whole process ("Check failed: (location_) !=
// nullptr" in SourceTextModule::AsyncModuleExecutionFulfilled, exit 133)
// when a worker is torn down (the program exits, a spare is terminated) just
// as such an evaluation resumes. Both graphs are synchronous, so Node loads
// them with require() as the same modules an import would.
const core = createRequire(import.meta.url)(
  current ? "./.bundles/node/index.js" : "./src/index.ts",
);

export const {
  ALL_COMPLETED,
  activeCount,
  asCompleted,
  asCompletedAsync,
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  BrokenExecutor,
  CancelledError,
  Condition,
  currentThread,
  Empty,
  Event,
  enumerate,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  formatSchedule,
  Full,
  Future,
  LifoQueue,
  Lock,
  LockAbandonedError,
  main,
  mainThread,
  parseSchedule,
  PriorityQueue,
  print,
  Queue,
  RLock,
  RuntimeError,
  SCHEDULERS,
  Semaphore,
  SimpleQueue,
  ShutDown,
  setDeadlockDetection,
  setExcepthook,
  setPrintOptions,
  sharedFloat64,
  sharedInt32,
  sharedUint8,
  sleep,
  sleepAsync,
  Thread,
  ThreadError,
  ThreadPoolExecutor,
  Timer,
  TimeoutError,
  wait,
  waitAsync,
} = core;
