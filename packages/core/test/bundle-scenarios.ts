/**
 * Vitest's global setup for the browser project: bundles each scenario (core
 * inlined) into a self-contained module, as the site bundles a lesson, and
 * serves the bundles untransformed from `publicDir`.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build, buildSync } from "esbuild";

export const bundleDir = fileURLToPath(new URL("./.bundles", import.meta.url));

function options(): BuildOptions {
  const scenarioDir = fileURLToPath(new URL("./scenarios", import.meta.url));
  const entryPoints = readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${scenarioDir}/${f}`);
  return {
    entryPoints,
    outdir: `${bundleDir}/scenarios`,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2024",
    logLevel: "warning",
    sourcemap: true, // the deadlock report maps its lines back to the .ts (see diagnose/sourcemap.ts)
  };
}

/**
 * The same, before Vite starts (called from vitest.config.ts): Vite lists the
 * public files once, when its server starts, and `vitest run` does not watch,
 * so a bundle first written by the global setup (every bundle, on a clean
 * clone) was never served and its scenario hung until the run's timeout.
 */
export function bundleScenariosSync(): void {
  buildSync(options());
}

export default async function setup(): Promise<void> {
  await build(options());
}
