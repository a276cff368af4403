/** Picks the runtime for the platform we are loaded on. */
import { browserRuntime } from "./browser.ts";
import { nodeRuntime } from "./node.ts";
import type { Runtime } from "./runtime.ts";

const nodeProcess = (
  globalThis as { process?: { getBuiltinModule?: unknown; versions?: { node?: string } } }
).process;

/**
 * A Node too old for us (no `process.getBuiltinModule`, added in 22.3) must
 * not pass for a browser: refuse it here, so the import fails and the
 * program exits non-zero with the reason.
 */
function checkNode(version: string | undefined): void {
  if (version === undefined || typeof nodeProcess?.getBuiltinModule === "function") return;
  throw new Error(
    `@unravel/core needs Node.js 24 or newer; this is Node ${version}, which lacks ` +
      "process.getBuiltinModule. Install Node 24 (in this repository, `pnpm install` provides it: " +
      "run node from node_modules/.bin).",
  );
}

checkNode(nodeProcess?.versions?.node);

export const runtime: Runtime =
  typeof nodeProcess?.getBuiltinModule === "function" ? nodeRuntime() : browserRuntime();
