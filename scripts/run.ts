/** Runs root commands with the workspace's tools on PATH, stopping at the first failure. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const site = `${root}apps/site`;

/** A binary of the site's own dependencies (run directly, so a signal reaches it, not a wrapper). */
export const siteBin = (name: string) => `${site}/node_modules/.bin/${name}`;

export const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  ASTRO_TELEMETRY_DISABLED: "1",
  // pnpm puts node_modules/.bin (with the pinned Node 24) first; keep it first for turbo's tasks too.
  PATH: `${root}node_modules/.bin:${process.env.PATH}`,
};

export function step(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}
