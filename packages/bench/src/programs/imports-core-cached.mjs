// A bare worker that turns on Node's compile cache, as a thread's worker
// does (core's thread/node-worker-entry.js), and then only imports
// @unravel/core: what loading core still costs a new worker with the cache.
import { enableCompileCache } from "node:module";

enableCompileCache?.();
await import("./imports-core.ts");
