/**
 * The browser tests drive Debian's Chromium (a test tool's own browser
 * download cannot work on these machines). Installs it where apt and root are
 * available; otherwise says exactly what to run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  const canApt = process.getuid?.() === 0 && spawnSync("apt-get", ["--version"]).status === 0;
  if (!canApt) {
    console.error(
      `Chromium is missing at ${chromiumPath}; the browser tests need it.\n` +
        "Install it with: sudo apt-get install -y chromium (Debian/Ubuntu), " +
        "or point CHROMIUM_PATH at a Chromium binary.",
    );
    process.exit(1);
  }
  console.log("Chromium is missing: installing Debian's chromium package (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) {
      console.error(
        `apt-get ${args.join(" ")} failed; install Chromium by hand: apt-get install -y chromium`,
      );
      process.exit(1);
    }
  }
}
