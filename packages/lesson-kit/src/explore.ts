/**
 * Step mode from the terminal: `pnpm lesson 7 --explore 500` runs a lesson's
 * program under up to 500 schedules of `@unravel/core`'s step mode (PCT by
 * default), checks the lesson's invariants after each, and stops at the
 * first failure with the schedule, the output, the failed check and the
 * command that replays it; `--replay <schedule>` runs one schedule again and
 * shows its steps; `--file my-try.ts` explores the learner's own version.
 *
 * Each run is a fresh `node <file>` with `UNRAVEL_STEP` set (JSON: the
 * scheduler, its seed, where to log each step). The lesson's checks are
 * read through {@link lessonChecks}, the one place that knows their format.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
// Relative, not "@unravel/core": the kit does not depend on core, and these two modules import nothing.
import type { StepConfig, StepRecord } from "../../core/src/step/engine.ts";
import { formatSchedule, parseSchedule } from "../../core/src/step/schedulers.ts";
import { type CheckRun, judgeOne, type LessonChecks, sentence } from "./check.ts";
import { readFrontMatter } from "./front-matter.ts";
import { type LessonFolder, lessonPath } from "./lessons.ts";
import { readTraceFile, type TraceEvent } from "./trace.ts";

/** One of a lesson's checks: `null` when the output passes, else the reason it fails. */
export interface LessonCheck {
  name: string;
  /** `null` when the run shows what the check asks, else the reason it does not. */
  check(run: CheckRun): string | null;
}

/** How a stepped run ended. */
export type RunEnd =
  | "finished"
  | "deadlock"
  | "stuck"
  | "failed"
  | "diverged"
  | "paused"
  | "timeout"
  | "crashed";

/** A thread's next step, as a paused run lists it. */
export interface NextStep {
  thread: number;
  name: string;
  op?: string;
  object?: string;
  site?: string;
}

export interface SteppedRun {
  config: StepConfig;
  /** The thread that took each step: the schedule that replays this run. */
  schedule: number[];
  steps: StepRecord[];
  lines: string[];
  stderr: string;
  exitCode: number | null;
  end: RunEnd;
  /** The engine's report (deadlock, stuck, limit), when it wrote one. */
  report?: string;
  /** What the program recorded with tracing on, for checks that read the trace. */
  trace: TraceEvent[];
  /** The program's source text, for checks that read the program itself. */
  source: string;
  /** A paused replay (`pause`): the threads that can step next, and those blocked. */
  paused?: { enabled: NextStep[]; blocked: NextStep[] };
}

/**
 * The lesson's checks, from `test/invariants.ts`: today an object of named
 * functions that throw (vitest's `expect`) on a bad output; also a list of
 * `{ name | sentence, check | pass }` whose result is `true`, `null` or a
 * reason string.
 */
export async function lessonChecks(dir: string): Promise<LessonCheck[]> {
  const file = lessonPath({ dir }, "invariants");
  if (!existsSync(file)) return [];
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
    checks?: LessonChecks;
  };
  if (!module.checks?.checks)
    throw new Error(
      `${file} exports no checks: export const checks: LessonChecks = { checks: { … } }`,
    );
  return Object.entries(module.checks.checks).map(([title, check]) => ({
    name: sentence(title, check),
    check(run) {
      const verdict = judgeOne(title, check, run);
      return verdict.passed ? null : verdict.reason;
    },
  }));
}

/**
 * `stepping: none — <why>` in lesson.md's front matter: the lesson cannot be
 * stepped, and why. `stepping: cut NAME = n, … — <why>`: the page steps it
 * with those counts cut; the terminal steps only a copy cut by hand (--file).
 */
export function steppingUnsupported(dir: string): string | null {
  const file = lessonPath({ dir }, "prose");
  if (!existsSync(file)) return null;
  const value = readFrontMatter(readFileSync(file, "utf8")).data.stepping;
  return typeof value === "string" && /^(none|cut)\b/.test(value) ? value : null;
}

export interface RunOptions {
  /** Real milliseconds a run may take before it is killed. @default 60000 */
  timeoutMs?: number;
}

/** Runs `file` (relative to `dir`) once in step mode. */
export function runStepped(
  dir: string,
  file: string,
  config: StepConfig,
  options: RunOptions = {},
): SteppedRun {
  const scratch = mkdtempSync(join(tmpdir(), "unravel-step-"));
  const log = join(scratch, "steps.jsonl");
  const traceFile = join(scratch, "trace.jsonl");
  try {
    const full: StepConfig = { ...config, log };
    const result = spawnSync(process.execPath, [file], {
      cwd: dir,
      env: { ...process.env, UNRAVEL_STEP: JSON.stringify(full), UNRAVEL_TRACE: traceFile },
      encoding: "utf8",
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const entries = existsSync(log)
      ? readFileSync(log, "utf8")
          .split("\n")
          .filter((line) => line !== "")
          .map(
            (line) =>
              JSON.parse(line) as StepRecord & {
                end?: RunEnd;
                report?: string;
                enabled?: NextStep[];
                blocked?: NextStep[];
              },
          )
      : [];
    const steps = entries.filter((e) => e.end === undefined) as StepRecord[];
    const last = entries.find((e) => e.end !== undefined);
    const timedOut = (result.error as { code?: string } | undefined)?.code === "ETIMEDOUT";
    const end: RunEnd = timedOut ? "timeout" : (last?.end ?? "crashed");
    return {
      config,
      schedule: steps.map((s) => s.thread),
      steps,
      lines: (result.stdout ?? "")
        .split("\n")
        .filter((line, i, all) => line !== "" || i < all.length - 1),
      stderr: result.stderr ?? "",
      exitCode: result.status,
      end,
      trace: existsSync(traceFile) ? readTraceFile(traceFile) : [],
      source: readFileSync(resolve(dir, file), "utf8"),
      ...(last?.report ? { report: last.report } : {}),
      ...(last?.enabled ? { paused: { enabled: last.enabled, blocked: last.blocked ?? [] } } : {}),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** What is wrong with a run: a check that failed, a deadlock, a crash; empty when it passed. */
export function judge(run: SteppedRun, checks: LessonCheck[]): { name: string; reason: string }[] {
  if (run.end === "deadlock") return [{ name: "no deadlock", reason: run.report ?? "deadlock" }];
  if (run.end !== "finished")
    return [
      {
        name: "the run ends",
        reason: `${run.end}: ${run.report ?? (run.stderr.trim() || `exit code ${run.exitCode}`)}`,
      },
    ];
  if (run.exitCode !== 0)
    return [
      { name: "exits with code 0", reason: run.stderr.trim() || `exit code ${run.exitCode}` },
    ];
  const failed: { name: string; reason: string }[] = [];
  for (const c of checks) {
    const reason = c.check({
      lines: run.lines,
      language: "typescript",
      trace: run.trace,
      source: run.source,
    });
    if (reason !== null) failed.push({ name: c.name, reason });
  }
  return failed;
}

export interface ExploreOptions {
  runs: number;
  scheduler?: "pct" | "random";
  /** The seed of the first run; run i uses seed + i. @default 1 */
  seed?: number;
  /** PCT's depth d. @default 3 */
  depth?: number;
  timeoutMs?: number;
  /** Called after each run (progress). */
  onRun?(index: number, run: SteppedRun): void;
}

export interface Exploration {
  runs: number;
  scheduler: "pct" | "random" | "exhaustive";
  failure?: { run: SteppedRun; failed: { name: string; reason: string }[] };
}

/**
 * Runs up to `runs` schedules, stopping at the first that fails a check.
 * PCT needs k, the number of steps a run takes: the first run's count is
 * used from then on (the longest seen so far).
 */
export function explore(
  dir: string,
  file: string,
  checks: LessonCheck[],
  options: ExploreOptions,
): Exploration {
  const scheduler = options.scheduler ?? "pct";
  let k = 0;
  for (let i = 0; i < options.runs; i++) {
    const config: StepConfig = {
      scheduler,
      seed: (options.seed ?? 1) + i,
      ...(scheduler === "pct" ? { depth: options.depth ?? 3, steps: k || 100 } : {}),
    };
    const run = runStepped(dir, file, config, options);
    options.onRun?.(i, run);
    k = Math.max(k, run.schedule.length);
    const failed = judge(run, checks);
    if (failed.length > 0) return { runs: i + 1, scheduler, failure: { run, failed } };
  }
  return { runs: options.runs, scheduler };
}

/** Preemptions in a schedule: a switch away from a thread that could have taken the step itself. */
export function preemptions(
  schedule: readonly number[],
  enabled: readonly (readonly number[])[],
): number {
  let count = 0;
  for (let i = 1; i < schedule.length; i++)
    if (schedule[i] !== schedule[i - 1] && enabled[i]?.includes(schedule[i - 1]!)) count++;
  return count;
}

export interface ExhaustiveOptions {
  /** The most preemptions a schedule may have (CHESS's bound). @default 2 */
  preemptions?: number;
  /** Stop after this many schedules. @default 10000 */
  max?: number;
  timeoutMs?: number;
  onRun?(index: number, run: SteppedRun): void;
}

/**
 * Every schedule with at most `preemptions` preemptions, each run once
 * (Musuvathi and Qadeer's iterative context bounding, as CHESS does it):
 * a run replays a prefix and goes on without preempting; each step past the
 * prefix where another thread could have gone opens a new prefix.
 * Stops at the first schedule that fails.
 */
export function exhaustive(
  dir: string,
  file: string,
  checks: LessonCheck[],
  options: ExhaustiveOptions = {},
): Exploration & { complete: boolean } {
  const bound = options.preemptions ?? 2;
  const max = options.max ?? 10_000;
  const pending: number[][] = [[]];
  let runs = 0;
  while (pending.length > 0 && runs < max) {
    const prefix = pending.pop()!;
    const run = runStepped(dir, file, { scheduler: "replay", replay: prefix }, options);
    options.onRun?.(runs, run);
    runs++;
    const failed = judge(run, checks);
    if (failed.length > 0)
      return { runs, scheduler: "exhaustive", complete: false, failure: { run, failed } };
    const enabled = run.steps.map((step) => step.enabled ?? [step.thread]);
    for (let i = run.schedule.length - 1; i >= Math.max(prefix.length, 1); i--) {
      for (const other of enabled[i]!) {
        if (other === run.schedule[i]) continue;
        const next = [...run.schedule.slice(0, i), other];
        if (preemptions(next, enabled) <= bound) pending.push(next);
      }
    }
  }
  return { runs, scheduler: "exhaustive", complete: pending.length === 0 };
}

/** One step as a line: `  12  Thread-1 (add)  Atomics.store Int32Array(1)[0] 2 → 3   src/main.ts:18`. */
export function formatStep(step: StepRecord): string {
  const values = step.before === undefined ? "" : ` ${step.before} → ${step.after}`;
  const what = [
    step.op,
    step.object,
    step.text === undefined ? undefined : JSON.stringify(step.text),
  ]
    .filter((part) => part !== undefined)
    .join(" ");
  const where = step.site ? `   ${step.site}` : "";
  return `${String(step.step).padStart(5)}  [${step.thread}] ${step.name}: ${what}${values}${where}`;
}

/** The options of `pnpm lesson <n> --explore/--replay/--file`, or `null` when none is given. */
export interface StepArgs {
  explore?: number;
  replay?: string;
  step?: boolean;
  file?: string;
  scheduler?: "pct" | "random" | "exhaustive";
  seed?: number;
  depth?: number;
  preemptions?: number;
}

/** Step mode's flags, for `node:util`'s `parseArgs` (`pnpm lesson` adds its own to them). */
export const STEP_OPTIONS = {
  explore: { type: "string" },
  replay: { type: "string" },
  step: { type: "boolean" },
  file: { type: "string" },
  scheduler: { type: "string" },
  seed: { type: "string" },
  depth: { type: "string" },
  preemptions: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

/** The values `parseArgs` read for {@link STEP_OPTIONS}. */
export type StepValues = { [K in keyof typeof STEP_OPTIONS]?: string | boolean | undefined };

/**
 * Step mode's options from what `parseArgs` read; `null` when none of
 * them was given. Throws, naming the flag and what it takes, on a bad value.
 */
export function stepArgs(values: StepValues): StepArgs | null {
  const args: StepArgs = {};
  const text = (flag: keyof StepValues) => {
    const v = values[flag];
    return typeof v === "string" ? v : undefined;
  };
  const count = (flag: "explore" | "seed" | "depth", least = 1) => {
    const t = text(flag);
    if (t === undefined) return undefined;
    const n = Number(t);
    if (!Number.isInteger(n) || n < least || t.trim() === "")
      throw new Error(`--${flag} needs a positive whole number, got ${t}`);
    return n;
  };
  const explore = count("explore");
  if (explore !== undefined) args.explore = explore;
  if (text("replay") !== undefined) args.replay = text("replay")!;
  if (values.step === true) args.step = true;
  if (text("file") !== undefined) args.file = text("file")!;
  const seed = count("seed");
  if (seed !== undefined) args.seed = seed;
  const depth = count("depth");
  if (depth !== undefined) args.depth = depth;
  const preemptions = text("preemptions");
  if (preemptions !== undefined) {
    args.preemptions = Number(preemptions);
    if (!Number.isInteger(args.preemptions) || args.preemptions < 0 || preemptions.trim() === "")
      throw new Error(`--preemptions needs a whole number, got ${preemptions}`);
  }
  const scheduler = text("scheduler");
  if (scheduler !== undefined) {
    if (scheduler !== "pct" && scheduler !== "random" && scheduler !== "exhaustive")
      throw new Error(`--scheduler is pct, random or exhaustive, got ${scheduler}`);
    args.scheduler = scheduler;
  }
  return Object.keys(args).length > 0 ? args : null;
}

/** Step mode's flags in `argv` (nothing else), read by `parseArgs`; `null` when none is given. */
export function parseStepArgs(argv: string[]): StepArgs | null {
  const { values } = parseArgs({ args: argv, options: STEP_OPTIONS, strict: true });
  return stepArgs(values);
}

/** Runs `pnpm lesson <n> --explore N | --replay S [--file F]`; returns the exit code. */
export async function stepCommand(
  lesson: LessonFolder & { number: number },
  argv: string[] | StepArgs,
  write: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  input: AsyncIterable<string> = createInterface({ input: process.stdin }),
): Promise<number> {
  let args: StepArgs | null;
  try {
    args = Array.isArray(argv) ? parseStepArgs(argv) : argv;
  } catch (error) {
    write(`${(error as Error).message}`);
    return 2;
  }
  if (!args) return 2;
  const file = args.file
    ? relative(lesson.dir, isAbsolute(args.file) ? args.file : resolve(process.cwd(), args.file))
    : "src/main.ts";
  if (!existsSync(join(lesson.dir, file))) {
    write(
      `No file ${args.file}: give the path of your version of the program, e.g. --file my-try.ts`,
    );
    return 2;
  }
  const unsupported = args.file ? null : steppingUnsupported(lesson.dir);
  if (unsupported) {
    write(
      `lesson ${lesson.number} does not support stepping: ${unsupported.replace(/^none\s*[—-]\s*/, "").replace(/^cut (.*?) [—-] /, "not at its full counts (the page steps it with $1): ")}`,
    );
    return 0;
  }
  const checks = await lessonChecks(lesson.dir);
  const fileFlag = args.file ? ` --file ${args.file}` : "";
  if (args.step) return stepThrough(lesson.number, lesson.dir, file, checks, write, input);
  if (args.replay !== undefined) {
    let replay: number[];
    try {
      replay = parseSchedule(args.replay);
    } catch (error) {
      write((error as Error).message);
      return 2;
    }
    const run = runStepped(lesson.dir, file, { scheduler: "replay", replay });
    write(`── lesson ${lesson.number}: replaying ${run.schedule.length} steps ──`);
    for (const step of run.steps) write(formatStep(step));
    write("output:");
    for (const line of run.lines) write(`  ${line}`);
    const failed = judge(run, checks);
    for (const f of failed) write(`✗ ${f.name}\n  ${f.reason.split("\n").join("\n  ")}`);
    if (failed.length === 0) write(`✓ all ${checks.length} checks hold`);
    return failed.length === 0 ? 0 : 1;
  }
  const runs = args.explore ?? 100;
  const scheduler = args.scheduler ?? "pct";
  const result =
    scheduler === "exhaustive"
      ? exhaustive(lesson.dir, file, checks, {
          max: runs,
          ...(args.preemptions === undefined ? {} : { preemptions: args.preemptions }),
        })
      : explore(lesson.dir, file, checks, {
          runs,
          scheduler,
          ...(args.seed === undefined ? {} : { seed: args.seed }),
          ...(args.depth === undefined ? {} : { depth: args.depth }),
        });
  if (!result.failure && "complete" in result) {
    const bound = args.preemptions ?? 2;
    write(
      result.complete
        ? `lesson ${lesson.number}: all ${result.runs} schedules with at most ${bound} preemptions, every check held (${checks.length} checks).`
        : `lesson ${lesson.number}: ${result.runs} schedules with at most ${bound} preemptions, every check held; more remain (raise --explore).`,
    );
    return 0;
  }
  if (!result.failure) {
    write(
      `lesson ${lesson.number}: ${result.runs} schedules under ${scheduler}, every check held (${checks.length} checks).`,
    );
    return 0;
  }
  const { run, failed } = result.failure;
  const how = scheduler === "exhaustive" ? "exhaustive" : `${scheduler}, seed ${run.config.seed}`;
  write(`── lesson ${lesson.number}: schedule ${result.runs} of ${runs} (${how}) fails ──`);
  for (const f of failed) write(`✗ ${f.name}\n  ${f.reason.split("\n").join("\n  ")}`);
  write("output:");
  for (const line of run.lines) write(`  ${line}`);
  // A thread's error (its excepthook's report) and the engine's reports go to stderr.
  const stderr = run.stderr.trimEnd();
  if (stderr !== "" && !failed.some((f) => f.reason.includes(stderr))) {
    write("stderr:");
    for (const line of stderr.split("\n")) write(`  ${line}`);
  }
  if (run.schedule.length === 0) return 1; // it failed before its first step: nothing to replay
  write(`schedule (${run.schedule.length} steps, thread of each step; main is 1):`);
  const schedule = formatSchedule(run.schedule);
  write(`  ${schedule}`);
  write("replay it, step by step:");
  write(`  pnpm lesson ${lesson.number} --replay ${schedule}${fileFlag}`);
  return 1;
}

function formatNext(next: NextStep): string {
  const what = [next.op, next.object].filter(Boolean).join(" ");
  return `  [${next.thread}] ${next.name}: ${what}${next.site ? `   ${next.site}` : ""}`;
}

/**
 * `--step`: the learner is the scheduler. Each move replays the schedule so
 * far plus the thread typed, paused after it (a fresh run each time: undo
 * is the same replay, one step shorter). Reads one line per move from
 * `input`: a thread number, Enter (the first thread listed), `u` (undo) or
 * `q` (quit).
 */
export async function stepThrough(
  number: number,
  dir: string,
  file: string,
  checks: LessonCheck[],
  write: (text: string) => void,
  input: AsyncIterable<string>,
): Promise<number> {
  const lines = input[Symbol.asyncIterator]();
  const schedule: number[] = [1]; // step 1 is main's first line: nobody chooses it
  write(`── lesson ${number}: you choose which thread takes each step ──`);
  for (;;) {
    const run = runStepped(dir, file, { scheduler: "replay", replay: schedule, pause: true });
    const last = run.steps[schedule.length - 1];
    if (last && schedule.length > 1) write(formatStep(last));
    if (last?.op === "print") write(`  │ ${last.text}`);
    if (run.end !== "paused" || !run.paused) {
      const failed = judge(run, checks);
      write(run.end === "finished" ? "the program ended." : `the run ended: ${run.end}`);
      for (const f of failed) write(`✗ ${f.name}\n  ${f.reason.split("\n").join("\n  ")}`);
      if (failed.length === 0) write(`✓ all ${checks.length} checks hold`);
      write(`schedule: ${formatSchedule(run.schedule)}`);
      return failed.length === 0 ? 0 : 1;
    }
    write("next steps:");
    for (const next of run.paused.enabled) write(formatNext(next));
    for (const b of run.paused.blocked) write(`  (${b.name} is blocked)`);
    write("move which thread? (its number; Enter: the first; u: undo; q: quit)");
    const got = await lines.next();
    if (got.done) return 0;
    const answer = got.value.trim();
    if (answer === "q") {
      write(`schedule so far: ${formatSchedule(schedule)}`);
      return 0;
    }
    if (answer === "u") {
      if (schedule.length > 1) schedule.pop();
      write(`(undone: back to step ${schedule.length})`);
      continue;
    }
    const pick = answer === "" ? run.paused.enabled[0]!.thread : Number(answer);
    if (!run.paused.enabled.some((n) => n.thread === pick)) {
      write(`thread ${answer} cannot take a step now; choose one of those listed`);
      continue; // the same pause is shown again
    }
    schedule.push(pick);
  }
}
