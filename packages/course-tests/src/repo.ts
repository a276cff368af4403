/**
 * A throwaway copy of the repo for tests that change it: the working tree's
 * files that git tracks or would track (so uncommitted work is included and
 * node_modules, dist and caches are not), plus the lessons' captures, which
 * are generated and git-ignored but save re-running every lesson.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export function copyRepo(from: string, to: string): number {
  const listed = spawnSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: from,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (listed.status !== 0) {
    throw new Error(`copyRepo needs a git checkout at ${from}: ${listed.stderr || listed.error}`);
  }
  const files = listed.stdout.split("\0").filter((f) => f !== "" && existsSync(join(from, f)));
  for (const file of files) {
    if (lstatSync(join(from, file)).isDirectory()) continue; // a submodule or nested repo
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file), { verbatimSymlinks: true });
  }
  return files.length;
}

/** The environment for commands in the copy: its own tools first, nothing of the outer run. */
export function copyEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|TURBO_|VITEST|INIT_CWD$|NODE_OPTIONS$|PNPM_SCRIPT)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH}`,
    TURBO_TELEMETRY_DISABLED: "1",
    ASTRO_TELEMETRY_DISABLED: "1",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
  };
}

export interface Ran {
  status: number | null;
  /** stdout and stderr, for assertion messages. */
  output: string;
  stdout: string;
  stderr: string;
}

/** Runs a command in the copy and returns its output; never throws on failure. */
export function runIn(root: string, command: string, args: string[], timeoutMs = 180_000): Ran {
  const result = spawnSync(command, args, {
    cwd: root,
    env: copyEnv(root),
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = result.stdout ?? "";
  const stderr = result.stderr ?? "";
  const output = `$ ${command} ${args.join(" ")}\n${stdout}${stderr}${result.error ? `\n${result.error}` : ""}`;
  return { status: result.status, output, stdout, stderr };
}
