/**
 * Checks a learner's file against an exercise, in Node: the runner behind
 * `pnpm exercise` and the proof in `pnpm test`. Real runs are `node <file>`
 * with a trace; schedules are step mode's runs (`runStepped`, explore.ts);
 * what is accepted is decided by `accept` (exercise-accept.ts), as on the
 * page.
 *
 * A file outside the exercise's folder (the learner's copy in the work
 * folder) is run from a hidden copy beside `start.ts`, so `@unravel/core`
 * resolves as it does for the starting code; its own path is put back in
 * what it prints.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { StepConfig } from "../../core/src/step/engine.ts";
import { formatSchedule } from "../../core/src/step/schedulers.ts";
import {
  type AcceptOptions,
  accept,
  type ExerciseRun,
  type ExerciseRunner,
  type ExerciseVerdict,
} from "./exercise-accept.ts";
import {
  EXERCISE_FILES,
  type Exercise,
  type ExerciseChecks,
  loadExerciseChecks,
} from "./exercises.ts";
import { runStepped, type SteppedRun } from "./explore.ts";
import { runProcess } from "./process.ts";
import { readTraceFile } from "./trace.ts";

export interface CheckFileOptions
  extends Pick<AcceptOptions, "onProgress" | "cancelled" | "skipRealRun" | "seed"> {
  /** Schedules to explore; the exercise's own `explore` by default. */
  explore?: number;
  /** Real milliseconds one run may take. @default 30000 */
  timeoutMs?: number;
  /** The checks, when already loaded. */
  checks?: ExerciseChecks;
}

export interface FileVerdict extends ExerciseVerdict {
  /** `pnpm exercise <id> --replay <schedule>` for the decisive schedule, when there is one. */
  replay?: string;
}

/**
 * Runs `fn` with `file` reachable from the exercise's folder: in place, or
 * as a hidden copy beside start.ts (`.t<pid>.ts`, git-ignored, removed
 * after). The name is short on purpose: core keeps a wait's source line in
 * a fixed-size cell, so a long path is cut short in a deadlock's report.
 */
function inFolder<T>(
  exercise: Exercise,
  file: string,
  fn: (rel: string) => Promise<T>,
): Promise<T> {
  const full = resolve(file);
  if (dirname(full) === exercise.dir) return fn(basename(full));
  const rel = `.t${process.pid}.ts`;
  copyFileSync(full, join(exercise.dir, rel));
  return fn(rel).finally(() => rmSync(join(exercise.dir, rel), { force: true }));
}

/**
 * V8 itself sometimes aborts at a stepped run's exit ("# Fatal error in …,
 * Check failed: (location_) != nullptr", in
 * SourceTextModule::AsyncModuleExecutionFulfilled; about one run in a
 * hundred here, never the same schedule twice). That is the runtime's
 * failure, not the program's: such a run is made again, up to twice.
 */
const V8_FATAL = /^# Fatal error in /m;
export const runtimeCrashes = { count: 0 };

async function retryingRuntimeCrash(make: () => Promise<ExerciseRun>): Promise<ExerciseRun> {
  let run = await make();
  for (let again = 0; again < 2 && V8_FATAL.test(run.stderr ?? ""); again++) {
    runtimeCrashes.count += 1;
    run = await make();
  }
  return run;
}

/** The first line of the report core writes when a real run deadlocks. */
const DEADLOCK_REPORT = /^deadlock: every thread is blocked/m;

/** The runner for a file in the exercise's folder (`rel`), showing `shown` as its path. */
export function nodeRunner(
  exercise: Exercise,
  rel: string,
  shown: string,
  timeoutMs = 30_000,
): ExerciseRunner {
  const dir = exercise.dir;
  const source = readFileSync(join(dir, rel), "utf8");
  // A hidden copy's name is put back to the learner's path (once: `shown` has no ".try-").
  // A copy's path is put back to the learner's.
  const copied = new RegExp(
    `(?:file://)?[^\\s()]*${rel.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
    "g",
  );
  const unmask = (text: string) => (rel.startsWith(".t") ? text.replace(copied, shown) : text);
  const runner: ExerciseRunner = {
    async real() {
      const scratch = mkdtempSync(join(tmpdir(), "unravel-exercise-"));
      try {
        const traceFile = join(scratch, "trace.jsonl");
        const run = await runProcess(process.execPath, [rel], {
          cwd: dir,
          env: { UNRAVEL_TRACE: traceFile },
          timeoutMs,
        });
        const stderr = run.lines
          .filter((l) => l.stream === "stderr")
          .map((l) => unmask(l.text))
          .join("\n");
        // Core's own deadlock report (diagnose/deadlock.ts): it ends the program with code 1.
        const deadlock = run.exitCode === 1 ? DEADLOCK_REPORT.exec(stderr) : null;
        const result: ExerciseRun = {
          end: run.timedOut ? "timeout" : deadlock ? "deadlock" : "finished",
          exitCode: run.exitCode,
          lines: run.lines.filter((l) => l.stream === "stdout").map((l) => unmask(l.text)),
          stderr,
          trace: readTraceFile(traceFile),
          source,
        };
        if (run.timedOut) result.report = `killed after ${timeoutMs / 1000} s`;
        else if (deadlock) result.report = stderr.slice(deadlock.index).trim();
        return result;
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
    async stepped(schedule) {
      const run: SteppedRun = runStepped(dir, rel, schedule as StepConfig, { timeoutMs });
      const result: ExerciseRun = {
        end: run.end,
        exitCode: run.exitCode,
        lines: run.lines.map(unmask),
        stderr: unmask(run.stderr),
        trace: run.trace,
        source,
        schedule: run.schedule,
      };
      if (run.report) result.report = unmask(run.report);
      return result;
    },
  };
  return {
    real: () => retryingRuntimeCrash(() => runner.real()),
    stepped: (schedule) => retryingRuntimeCrash(() => runner.stepped!(schedule)),
  };
}

/** Checks `file` (the learner's, or start.ts / the solution) against `exercise`. */
export async function checkFile(
  exercise: Exercise,
  file: string,
  options: CheckFileOptions = {},
): Promise<FileVerdict> {
  const { checks, breaks } = options.checks ?? (await loadExerciseChecks(exercise));
  const shown = relative(process.cwd(), resolve(file)) || file;
  return inFolder(exercise, file, async (rel) => {
    const runner = nodeRunner(exercise, rel, shown, options.timeoutMs);
    const verdict: FileVerdict = await accept(runner, {
      kind: exercise.kind,
      checks,
      ...(breaks === undefined ? {} : { breaks }),
      explore: options.explore ?? exercise.explore,
      scheduler: exercise.scheduler,
      ...pick(options, ["onProgress", "cancelled", "skipRealRun", "seed"]),
    });
    const d = verdict.decisive;
    if (d?.on === "schedule" && d.schedule && d.schedule.length > 0)
      verdict.replay = `pnpm exercise ${exercise.id} --replay ${formatSchedule(d.schedule)}`;
    return verdict;
  });
}

function pick<T extends object, K extends keyof T>(from: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}

/**
 * How many schedules the proof in `pnpm test` runs where it must see a
 * check hold on every one (a solution of a fix, the start of a break): the
 * exercise's `explore`, cut to this to keep CI short — each schedule is a
 * fresh process and its workers, about 0.3 s of CPU, and the 46 exercises'
 * proofs were the larger part of CI's time at 25. Where the proof must see
 * a failure, it runs the full count (it stops at the first failure, and the
 * seeds are the learner's). `UNRAVEL_EXERCISE_SCHEDULES` overrides it: a
 * number, or `all` for every schedule the learner's Check explores.
 */
export const PROOF_SCHEDULES = 10;

export function proofSchedules(exercise: Exercise): number {
  const setting = process.env.UNRAVEL_EXERCISE_SCHEDULES;
  if (setting === "all") return exercise.explore;
  const env = Number(setting);
  const cap = setting && Number.isInteger(env) && env >= 0 ? env : PROOF_SCHEDULES;
  return Math.min(exercise.explore, cap);
}

export interface Proof {
  solution: FileVerdict;
  start: FileVerdict;
}

/**
 * The proof an exercise owes `pnpm test`: its solution (solution.ts, or
 * the lesson's sample for `solution: sample`) is accepted and its
 * starting code is not. Where the starting code must fail (fix, write) and
 * the exercise explores, it must fail on a schedule — never only on a real
 * run, where a race shows only sometimes.
 */
export async function proveExercise(exercise: Exercise): Promise<Proof> {
  const checks = await loadExerciseChecks(exercise);
  const mustHold = proofSchedules(exercise);
  const breaking = exercise.kind === "break";
  const solution = await checkFile(exercise, exercise.solutionFile, {
    checks,
    explore: breaking ? exercise.explore : mustHold,
  });
  const start = await checkFile(exercise, join(exercise.dir, EXERCISE_FILES.start), {
    checks,
    explore: breaking ? mustHold : exercise.explore,
    skipRealRun: !breaking && exercise.explore > 0,
  });
  return { solution, start };
}
