/**
 * `pnpm test`: the whole suite, as CI runs it. Dependencies are installed by
 * the `test` script itself (pnpm install) before this runs.
 */
import { ensureChromium } from "./ensure-chromium.ts";
import { step } from "./run.ts";

ensureChromium();
step("capture every lesson (real runs)", "turbo", ["run", "capture"]);
step("type-check every package", "turbo", ["run", "typecheck"]);
step("type-check the root scripts", "tsc", ["--noEmit", "-p", "."]);
step("lint and format (Biome)", "biome", ["ci", "."]);
// Two at a time: the concurrency tests need the machine's cores more than turbo does.
step("build and test every package", "turbo", ["run", "test", "--concurrency=2"]);
console.log("\nAll checks passed.");
