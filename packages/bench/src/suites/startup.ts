/**
 * What starting threads costs, measured the way a learner meets it: each
 * figure is a fresh `node` process (`programs/`), ours beside the same
 * program on bare `worker_threads`, run alternately so that a busy moment
 * of the machine hits both sides of a ratio.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { errorMessage, type FigureInput, missing, type Step } from "../figures.ts";
import { median } from "../rounds.ts";
import type { Settings } from "../settings.ts";

const programs = fileURLToPath(new URL("../programs/", import.meta.url));
const probe = new URL("../programs/rss-probe.mjs", import.meta.url).href;
const lessons = fileURLToPath(new URL("../../../lessons/", import.meta.url));

/** The lesson whose `node src/main.ts` is measured: one thread that prints one line. */
export const FIRST_PROGRAM_SLUG = "creating-a-thread";

type Figure = Omit<FigureInput, "value" | "note">;

interface Run {
  ms: number;
  /** Peak resident memory, MiB (with the probe). */
  peakMiB: number;
  out: Record<string, number>;
}

/** Runs `node [--import probe] args…` in `cwd` to its end; throws with its stderr on failure. */
function runNode(
  args: string[],
  cwd: string,
  probeMemory: boolean,
  env: Record<string, string> = {},
): Run {
  const dir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  const rssFile = join(dir, "rss");
  try {
    const t0 = performance.now();
    const run = spawnSync(
      process.execPath,
      [...(probeMemory ? ["--import", probe] : []), ...args],
      {
        cwd,
        encoding: "utf8",
        env: { ...process.env, ...env, BENCH_RSS_OUT: rssFile },
        timeout: 180_000,
      },
    );
    const ms = performance.now() - t0;
    if (run.error) throw run.error;
    if (run.status !== 0)
      throw new Error(
        `node ${args.join(" ")} exited ${run.status}: ${run.stderr.trim().split("\n").at(-1)}`,
      );
    const last = run.stdout.trim().split("\n").at(-1) ?? "";
    const out = last.startsWith("{") ? (JSON.parse(last) as Record<string, number>) : {};
    const peakMiB = probeMemory ? Number(readFileSync(rssFile, "utf8")) / 1024 : Number.NaN;
    return { ms, peakMiB, out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `runs` rounds of `sides` run alternately; per side, every round's result. */
function alternate<K extends string>(runs: number, sides: Record<K, () => Run>): Record<K, Run[]> {
  const keys = Object.keys(sides) as K[];
  const got = Object.fromEntries(keys.map((k) => [k, [] as Run[]])) as Record<K, Run[]>;
  for (let i = 0; i < runs; i++) for (const k of keys) got[k].push(sides[k]());
  return got;
}

/** Node's own figures are baselines; the rest are ours. */
const sourceOf = (id: string) => (id.startsWith("node.") ? "node" : "ours");

function figure(f: Figure, samples: number[]): FigureInput {
  return { ...f, source: sourceOf(f.id), value: median(samples), samples };
}

function failed(f: Record<string, Figure>, error: unknown): FigureInput[] {
  return Object.values(f).map((x) => ({
    ...missing(x, `failed: ${errorMessage(error)}`),
    source: sourceOf(x.id),
  }));
}

function lessonDir(slug: string): string {
  const name = readdirSync(lessons).find((n) => n.replace(/^\d+-/, "") === slug);
  if (!name) throw new Error(`no lesson "${slug}" in ${lessons}`);
  return join(lessons, name);
}

const ms = { unit: "ms", better: "lower" } as const;
const mib = { unit: "MiB", better: "lower" } as const;

/** `node src/main.ts` of the lesson against `node` running the same program on a bare Worker. */
function firstProgram(s: Settings): FigureInput[] {
  const f = {
    wall: {
      id: "program.wall",
      label: `node src/main.ts of “${FIRST_PROGRAM_SLUG}”, wall time`,
      ...ms,
    },
    rss: {
      id: "program.rss",
      label: `node src/main.ts of “${FIRST_PROGRAM_SLUG}”, peak memory`,
      ...mib,
    },
    bareWall: {
      id: "node.program.wall",
      label: "node running a bare one-line Worker program, wall time",
      ...ms,
    },
    bareRss: {
      id: "node.program.rss",
      label: "node running a bare one-line Worker program, peak memory",
      ...mib,
    },
  } as const;
  try {
    const dir = lessonDir(FIRST_PROGRAM_SLUG);
    const got = alternate(s.processRuns, {
      ours: () => runNode(["src/main.ts"], dir, true),
      bare: () => runNode([join(programs, "bare-program.ts")], programs, true),
    });
    return [
      figure(
        f.wall,
        got.ours.map((r) => r.ms),
      ),
      figure(
        f.rss,
        got.ours.map((r) => r.peakMiB),
      ),
      figure(
        f.bareWall,
        got.bare.map((r) => r.ms),
      ),
      figure(
        f.bareRss,
        got.bare.map((r) => r.peakMiB),
      ),
    ];
  } catch (error) {
    return failed(f, error);
  }
}

/** The first thread of a fresh program, to its first line: ours from a lesson-like `.ts`, a bare Worker, a bare Worker importing core. */
function firstStart(s: Settings): FigureInput[] {
  const f = {
    ours: {
      id: "thread.start.first",
      label: "Thread.start() to first line, cold, first thread of a lesson's .ts",
      ...ms,
    },
    bare: {
      id: "node.worker-start.first",
      label: "new Worker() of a one-line module to first line, first worker",
      ...ms,
    },
    core: {
      id: "node.worker-import-core.first",
      label: "new Worker() of a module that only imports @unravel/core, to first line",
      ...ms,
    },
    cached: {
      id: "node.worker-import-core-cached.first",
      label:
        "new Worker() of a module that only imports @unravel/core, compile cache on, to first line",
      ...ms,
    },
    main: {
      id: "node.main-import-core",
      label: "a fresh node's main thread importing @unravel/core",
      ...ms,
    },
    mainCached: {
      id: "node.main-import-core-cached",
      label: "a fresh node's main thread importing @unravel/core, NODE_COMPILE_CACHE set",
      ...ms,
    },
  } as const;
  const cacheDir = mkdtempSync(join(tmpdir(), "bench-compile-cache-"));
  try {
    const first = join(programs, "bare-first-start.ts");
    const mainImport = join(programs, "main-import-core.ts");
    const cache = { NODE_COMPILE_CACHE: cacheDir };
    runNode([mainImport], programs, false, cache); // fills the cache
    const got = alternate(s.processRuns, {
      ours: () => runNode([join(programs, "ours-first-start.ts")], programs, false),
      bare: () => runNode([first], programs, false),
      core: () => runNode([first, "core"], programs, false),
      cached: () => runNode([first, "core-cached"], programs, false),
      main: () => runNode([mainImport], programs, false),
      mainCached: () => runNode([mainImport], programs, false, cache),
    });
    return (["ours", "bare", "core", "cached", "main", "mainCached"] as const).map((k) =>
      figure(
        f[k],
        got[k].map((r) => r.out.ms!),
      ),
    );
  } catch (error) {
    return failed(f, error);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** `n` threads at once, each sleeping 200 ms, all joined: time and peak memory, against bare workers. */
function hundred(s: Settings): FigureInput[] {
  const n = s.manyThreads;
  const f = {
    ms: {
      id: "thread.many",
      label: `${n} Threads started at once, each sleeping 200 ms, all joined`,
      ...ms,
    },
    rss: { id: "thread.many.rss", label: `${n} Threads started at once: peak memory`, ...mib },
    bareMs: {
      id: "node.many",
      label: `${n} bare Workers, each sleeping 200 ms, all exited`,
      ...ms,
    },
    bareRss: { id: "node.many.rss", label: `${n} bare Workers: peak memory`, ...mib },
  } as const;
  try {
    const args = [String(n), "200"];
    const got = alternate(s.manyRuns, {
      ours: () => runNode([join(programs, "ours-hundred.ts"), ...args], programs, false),
      bare: () => runNode([join(programs, "bare-hundred.ts"), ...args], programs, false),
    });
    return [
      figure(
        f.ms,
        got.ours.map((r) => r.out.ms!),
      ),
      figure(
        f.rss,
        got.ours.map((r) => r.out.peakMiB!),
      ),
      figure(
        f.bareMs,
        got.bare.map((r) => r.out.ms!),
      ),
      figure(
        f.bareRss,
        got.bare.map((r) => r.out.peakMiB!),
      ),
    ];
  } catch (error) {
    return failed(f, error);
  }
}

/** Resident memory each extra live (parked) thread adds, against a bare worker's. */
function perThread(s: Settings): FigureInput[] {
  const k = String(s.extraThreads);
  const f = {
    ours: { id: "thread.memory", label: "memory per extra live Thread", ...mib },
    bare: { id: "node.worker-memory", label: "memory per extra live bare Worker", ...mib },
    core: {
      id: "node.worker-core-memory",
      label: "memory per extra live bare Worker that imports @unravel/core",
      ...mib,
    },
  } as const;
  try {
    const bare = join(programs, "bare-per-thread.ts");
    const got = alternate(s.manyRuns, {
      ours: () => runNode([join(programs, "ours-per-thread.ts"), k], programs, false),
      bare: () => runNode([bare, k], programs, false),
      core: () => runNode([bare, k, "core"], programs, false),
    });
    return (["ours", "bare", "core"] as const).map((key) =>
      figure(
        f[key],
        got[key].map((r) => r.out.perThreadMiB!),
      ),
    );
  } catch (error) {
    return failed(f, error);
  }
}

/** Each group as a step; it yields ours and the baselines together, alternated inside. */
export function startupSteps(s: Settings): Step[] {
  return [
    { id: "startup:program", run: () => firstProgram(s) },
    { id: "startup:first", run: () => firstStart(s) },
    { id: "startup:many", run: () => hundred(s) },
    { id: "startup:memory", run: () => perThread(s) },
  ];
}
