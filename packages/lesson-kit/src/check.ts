/**
 * `@unravel/lesson-kit/check`: a lesson's checks, in a form that runs
 * anywhere — the lesson's vitest test, `pnpm lesson N --check`, and the
 * lesson page in the browser. No Node module and no test framework here.
 *
 * A check has a sentence a learner reads (`says`, which may read numbers
 * from the run) and a function that looks at one run and, when the run
 * does not show what the sentence promises, fails with a reason written
 * for the learner (`must(condition, reason)`, `fail(reason)`). `judge`
 * turns that into passed, or failed with its reason.
 */
import type { Language } from "./programs.ts";
import type { TraceEvent } from "./trace.ts";

export { type SourceWait, sourceWaits } from "./source-waits.ts";
export { type MainStep, mainSteps } from "./steps.ts";
export type { TraceEvent } from "./trace.ts";

/** One run of a program, as a check sees it. */
export interface CheckRun {
  /** The lines it printed on stdout, in order, without newlines. */
  lines: string[];
  language: Language;
  /** Its trace, where one was recorded (the terminal and the page record one). */
  trace?: TraceEvent[];
  /** The program's source text, for checks that read the program itself. */
  source?: string;
}

export interface LessonCheck {
  /** What the run must show, in a sentence for the learner; may read the run. */
  says: string | ((run: CheckRun) => string);
  /** Returns when the run shows it; fails (`must`, `fail`) with a reason when not. */
  check(run: CheckRun): void;
}

/** A lesson's checks (keyed by a stable title, the test's name) and what counts as its outcome. */
export interface LessonChecks {
  checks: Record<string, LessonCheck>;
  /** What one run's outcome is, for the table of many runs. By default its output text. */
  outcome?: (run: CheckRun) => string;
}

/** A check's failure: `reason` is for the learner. */
export class CheckFailed extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = "CheckFailed";
  }
}

/** Fails the check with `reason` unless `condition` holds. */
export function must(condition: unknown, reason: string | (() => string)): asserts condition {
  if (!condition) throw new CheckFailed(typeof reason === "function" ? reason() : reason);
}

export function fail(reason: string): never {
  throw new CheckFailed(reason);
}

export type Verdict =
  | { title: string; says: string; passed: true }
  | { title: string; says: string; passed: false; reason: string };

/** The sentence of a check for this run (its static title when the run cannot fill it in). */
export function sentence(title: string, check: LessonCheck, run?: CheckRun): string {
  if (typeof check.says === "string") return check.says;
  if (run === undefined) return title;
  try {
    return check.says(run);
  } catch {
    return title; // the run lacks what the sentence reads: the check says why
  }
}

/** One check on one run: passed, or failed with its reason. */
export function judgeOne(title: string, check: LessonCheck, run: CheckRun): Verdict {
  const says = sentence(title, check, run);
  try {
    check.check(run);
    return { title, says, passed: true };
  } catch (error) {
    const reason =
      error instanceof CheckFailed
        ? error.reason
        : `the check could not read this run (${error instanceof Error ? error.message : String(error)})`;
    return { title, says, passed: false, reason };
  }
}

/** Every check of a lesson on one run. */
export function judge(lesson: LessonChecks, run: CheckRun): Verdict[] {
  return Object.entries(lesson.checks).map(([title, check]) => judgeOne(title, check, run));
}

/** The outcome of one run: the lesson's own, or the output text. */
export function outcomeOf(lesson: LessonChecks, run: CheckRun): string {
  if (lesson.outcome) {
    try {
      return lesson.outcome(run);
    } catch {
      // fall through: an edited program may print what the lesson's outcome cannot read
    }
  }
  return run.lines.join("\n");
}

/** Many runs, counted: each distinct outcome with how often, and each check's failures. */
export interface Tally {
  runs: number;
  outcomes: { outcome: string; count: number }[];
  /** Title → the number of runs in which the check failed. */
  failures: Record<string, number>;
  /** Title → the check's sentence (from the first run). */
  says: Record<string, string>;
  /** Runs that did not finish (stopped, timed out, or failed to start). */
  unfinished: number;
}

export function emptyTally(lesson: LessonChecks): Tally {
  const titles = Object.keys(lesson.checks);
  return {
    runs: 0,
    outcomes: [],
    failures: Object.fromEntries(titles.map((t) => [t, 0])),
    says: Object.fromEntries(titles.map((t) => [t, sentence(t, lesson.checks[t]!)])),
    unfinished: 0,
  };
}

/** Adds one run to `tally` (in place) and returns its verdicts. */
export function count(
  tally: Tally,
  lesson: LessonChecks,
  run: CheckRun,
  finished = true,
): Verdict[] {
  const verdicts = judge(lesson, run);
  if (tally.runs === 0) for (const v of verdicts) tally.says[v.title] = v.says;
  tally.runs += 1;
  if (!finished) tally.unfinished += 1;
  for (const v of verdicts)
    if (!v.passed) tally.failures[v.title] = (tally.failures[v.title] ?? 0) + 1;
  const outcome = outcomeOf(lesson, run);
  const row = tally.outcomes.find((o) => o.outcome === outcome);
  if (row) row.count += 1;
  else tally.outcomes.push({ outcome, count: 1 });
  tally.outcomes.sort((a, b) => b.count - a.count);
  return verdicts;
}

/** Verdicts as text lines, for a terminal. */
export function formatVerdicts(verdicts: Verdict[]): string[] {
  return verdicts.map((v) => (v.passed ? `passed  ${v.says}` : `failed  ${v.says}: ${v.reason}`));
}

/** A tally as text lines, for a terminal: the same table the page shows. */
export function formatTally(tally: Tally, what: string): string[] {
  const out = [`Outcomes of ${tally.runs} run${tally.runs === 1 ? "" : "s"} of ${what}:`];
  const width = String(tally.runs).length;
  for (const { outcome, count } of tally.outcomes) {
    const [first, ...rest] = outcome.split("\n");
    out.push(`  ${String(count).padStart(width)}×  ${first}`);
    for (const line of rest) out.push(`  ${" ".repeat(width)}   ${line}`);
  }
  if (tally.unfinished > 0) out.push(`  (${tally.unfinished} did not finish)`);
  out.push("Checks:");
  for (const [title, failed] of Object.entries(tally.failures)) {
    out.push(
      `  ${failed === 0 ? "passed" : `failed in ${failed} of ${tally.runs}`}  ${tally.says[title]}`,
    );
  }
  return out;
}
