/** Picks the runtime for the platform we are loaded on. */
import { browserRuntime } from "./browser.ts";
import { nodeRuntime } from "./node.ts";
import type { Runtime } from "./runtime.ts";

const nodeProcess = (globalThis as { process?: { getBuiltinModule?: unknown } }).process;

export const runtime: Runtime =
  typeof nodeProcess?.getBuiltinModule === "function" ? nodeRuntime() : browserRuntime();
