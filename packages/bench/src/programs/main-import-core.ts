// A fresh `node` whose main thread imports @unravel/core and nothing else:
// what the import costs before a program's first line. Run with and without
// NODE_COMPILE_CACHE (a program cannot turn the cache on for its own static imports).
import { report } from "./report.ts";

const t0 = performance.now();
await import("@unravel/core");
report({ ms: performance.now() - t0 });
