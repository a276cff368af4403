/**
 * Vitest's global setup for the browser project: bundles each scenario (core
 * inlined) into a self-contained module, as the site bundles a lesson, and
 * serves the bundles untransformed from `publicDir`.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const bundleDir = fileURLToPath(new URL("./.bundles", import.meta.url));

export default async function setup(): Promise<void> {
  const scenarioDir = fileURLToPath(new URL("./scenarios", import.meta.url));
  const entryPoints = readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${scenarioDir}/${f}`);
  await build({
    entryPoints,
    outdir: `${bundleDir}/scenarios`,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2024",
    logLevel: "warning",
  });
}
