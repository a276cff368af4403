/**
 * The exercises on a lesson page, in the browser: Try it (the starting code
 * into the playground's editor), Check (the editor's code run and judged
 * by the exercise's checks, with lesson-kit's `accept`, as `pnpm exercise`
 * decides). Hint, Show the solution and the progress (exercise-progress.ts)
 * need none of this, which loads on the first Check.
 *
 * Schedules: Check explores the exercise's schedules in the page with
 * core's step mode ({@link hostStepper}), with the same seeds as the
 * terminal, then makes a real run. {@link setStepper} swaps the engine
 * (undefined: real runs only).
 */
import {
  accept,
  type ExerciseRun,
  type ExerciseRunner,
  type ExerciseVerdict,
  type Schedule,
} from "@unravel/lesson-kit/accept";
import type { LessonChecks } from "@unravel/lesson-kit/check";
import type { Engine, Program } from "./playground.ts";
import type { RunEnd } from "./runner.ts";

const modules = import.meta.glob<{ checks?: LessonChecks; breaks?: string }>(
  "../../../../packages/lessons/*/exercises/*/checks.ts",
);

/** An exercise's checks (and, for a break exercise, the check to break). */
export async function exerciseChecks(
  lesson: string,
  folder: string,
): Promise<{ checks: LessonChecks; breaks?: string }> {
  const load = modules[`../../../../packages/lessons/${lesson}/exercises/${folder}/checks.ts`];
  if (!load) throw new Error(`exercise ${lesson}/${folder} has no checks.ts`);
  const module = await load();
  if (!module.checks) throw new Error(`exercise ${lesson}/${folder}: checks.ts exports no checks`);
  return { checks: module.checks, ...(module.breaks ? { breaks: module.breaks } : {}) };
}

/** Runs `program` once under `schedule`: what a browser step engine provides. */
export type Stepper = (program: Program, schedule: Schedule) => Promise<ExerciseRun>;

/**
 * Core's step mode in the page (`@unravel/core/host`): one run of the
 * program under the schedule, read as the terminal reads a stepped run.
 */
export const hostStepper: Stepper = async (program, schedule) => {
  const { startRun } = await import("@unravel/core/host");
  const steps: number[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const trace: unknown[] = [];
  const run = startRun(program.url, {
    timeoutMs: 60_000,
    onLine: (line) => (line.stream === "stdout" ? stdout : stderr).push(line.text),
    onTrace: (event) => trace.push(event),
    step: { ...schedule, limit: 20_000, onStep: (r) => steps.push(r.thread) },
  });
  const result = await run.done;
  const end = result.step?.end ?? (result.reason === "finished" ? "finished" : "crashed");
  const out: ExerciseRun = {
    end: result.reason === "timeout" ? "timeout" : end,
    exitCode: result.exitCode,
    lines: stdout,
    stderr: stderr.map((t) => program.rewrite(t).text).join("\n"),
    trace: trace as ExerciseRun["trace"],
    source: program.source,
    schedule: steps,
  };
  const report = result.step?.report ?? result.error;
  if (report) out.report = report;
  return out;
};

let stepper: Stepper | undefined = hostStepper;

/** The engine that runs one schedule in the page; undefined: Check makes a real run only. */
export function setStepper(run: Stepper | undefined): void {
  stepper = run;
}

// ---- Check ----

function toExerciseRun(end: RunEnd, lines: string[], source: string, trace: unknown): ExerciseRun {
  const base = {
    exitCode: end.exitCode,
    lines,
    source,
    trace: trace as ExerciseRun["trace"],
  };
  if (end.deadlock)
    return {
      ...base,
      end: "deadlock",
      report:
        "every thread is blocked, and none of them can wake another (the cycle is drawn above)",
    };
  if (end.reason === "finished") return { ...base, end: "finished" };
  if (end.reason === "timeout")
    return { ...base, end: "timeout", report: "the page's time limit for a run" };
  if (end.reason === "stopped") return { ...base, end: "crashed", report: "stopped" };
  return { ...base, end: "crashed", report: end.error ?? "the run failed" };
}

export interface CheckOptions {
  kind: "break" | "fix" | "write";
  explore: number;
  scheduler: "pct" | "random";
  checks: LessonChecks;
  breaks?: string;
  onProgress(done: number, total: number): void;
  done(verdict: ExerciseVerdict | null): void;
}

/** The playground engine that checks the editor's code: one real run (and schedules, once a stepper is set). */
export function checkEngine(options: CheckOptions): Engine {
  return {
    async run(session) {
      let stopped = false;
      const runner: ExerciseRunner = {
        async real() {
          session.status("Checking: a real run…");
          const { end, run } = await session.once();
          if (end.reason === "stopped") stopped = true;
          return toExerciseRun(end, run.lines, run.source ?? "", run.trace);
        },
        ...(stepper
          ? {
              stepped: (schedule: Schedule) => {
                session.status(`Checking: schedule ${schedule.seed}…`);
                return stepper!(session.program, schedule);
              },
            }
          : {}),
      };
      const verdict = await accept(runner, {
        kind: options.kind,
        checks: options.checks,
        ...(options.breaks ? { breaks: options.breaks } : {}),
        explore: options.explore,
        scheduler: options.scheduler,
        onProgress: options.onProgress,
        cancelled: () => session.stopped,
      });
      if (stopped || session.stopped) {
        session.status("Check stopped.", "info");
        options.done(null);
        return;
      }
      session.status(
        verdict.accepted ? "Check: passed." : "Check: failed.",
        verdict.accepted ? "ok" : "warn",
      );
      options.done(verdict);
    },
  };
}
