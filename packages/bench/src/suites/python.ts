/** The CPython baselines: `python/bench.py`, run with `python3` when it is there. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FigureInput } from "../figures.ts";
import type { Settings } from "../settings.ts";
import { poolThreads } from "./core.ts";

export interface PythonRun {
  /** e.g. "CPython 3.11.7"; null when python3 was not found or failed. */
  version: string | null;
  figures: FigureInput[];
  /** Why there are no CPython figures. */
  note?: string;
}

/** The groups of `python/bench.py`, each run next to the figures of ours it is the baseline of. */
export type PythonGroup = "lock" | "counter" | "pingpong" | "queue" | "start" | "pool";

export function pythonSuite(s: Settings, only?: PythonGroup[]): PythonRun {
  const script = fileURLToPath(new URL("../../python/bench.py", import.meta.url));
  const args = [script, "--pool", String(poolThreads()), ...(s.quick ? ["--quick"] : [])];
  if (only) args.push("--only", only.join(","));
  const run = spawnSync("python3", args, {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (run.error) {
    const absent = (run.error as NodeJS.ErrnoException).code === "ENOENT";
    return {
      version: null,
      figures: [],
      note: absent
        ? "python3 not found: CPython baselines skipped"
        : `python3 failed: ${run.error.message}`,
    };
  }
  if (run.status !== 0) {
    return {
      version: null,
      figures: [],
      note: `python3 python/bench.py exited with ${run.status}: ${run.stderr.trim().split("\n").at(-1)}`,
    };
  }
  const out = JSON.parse(run.stdout) as {
    python: string;
    implementation: string;
    figures: FigureInput[];
  };
  return { version: `${out.implementation} ${out.python}`, figures: out.figures };
}
