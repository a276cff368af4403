/**
 * `pnpm lesson <n | slug> [--check] [--runs N] [--explore N] [--replay S] [--step] [--file my-try.ts]`: runs
 * one lesson's sample in this terminal, exactly as `pnpm start` in its
 * folder does (`node src/main.ts`). Without a valid lesson, lists them.
 *
 *   --check      after the run, prints the lesson's checks (test/invariants.ts),
 *                each passed or failed with its reason; exit code 1 if one failed
 *   --runs N     runs it N times and prints the outcomes with how often each
 *                came, and how often each check failed (as the page's table)
 *   --file F     runs F (your own version of the sample) instead, against the
 *                lesson's checks
 *   --explore N, --replay S, --step
 *                step mode: up to N schedules (PCT; --scheduler, --seed,
 *                --depth, --preemptions), one recorded schedule, or you as
 *                the scheduler (docs/step-mode.md)
 *   --list       lists the lessons
 *
 * One parser (node:util's parseArgs) reads every flag, step mode's too; a
 * flag it does not know, or one without its value, is refused by name.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import {
  type CheckRun,
  count,
  emptyTally,
  formatTally,
  formatVerdicts,
  judge,
  type LessonChecks,
} from "../packages/lesson-kit/src/check.ts";
import {
  STEP_OPTIONS,
  type StepArgs,
  stepArgs,
  stepCommand,
} from "../packages/lesson-kit/src/explore.ts";
import {
  findLessons,
  type LessonFolder,
  resolveLesson,
} from "../packages/lesson-kit/src/lessons.ts";
import { readTraceFile } from "../packages/lesson-kit/src/trace.ts";

const lessonsDir = fileURLToPath(new URL("../packages/lessons/", import.meta.url));
const lessons = findLessons(lessonsDir);
const USAGE =
  "usage: pnpm lesson <number or name> [--check] [--runs N] [--file my-try.ts]\n" +
  "                   [--explore N [--scheduler pct|random|exhaustive] [--seed S] [--depth D] [--preemptions P]] [--replay S] [--step]\n" +
  "  e.g. pnpm lesson 3, pnpm lesson 7 --check, pnpm lesson 7 --runs 50, pnpm lesson 7 --explore 200";

/** Prints the lessons; with a problem, on stderr and failing. */
function list(problem?: string): never {
  const lines = lessons.map((l: LessonFolder) => `  ${l.number}  ${l.slug}`);
  const text = `${USAGE}\n\nlessons:\n${lines.join("\n")}`;
  if (problem === undefined) console.log(text);
  else console.error(`${problem}\n\n${text}`);
  process.exit(problem === undefined ? 0 : 1);
}

function refuse(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

/** All the command's flags, step mode's (explore.ts) among them, read by one parser. */
const OPTIONS = {
  ...STEP_OPTIONS,
  check: { type: "boolean" },
  runs: { type: "string" },
  list: { type: "boolean" },
} as const satisfies ParseArgsOptionsConfig;

/** parseArgs's own errors, said the way this command says the rest. */
function parsed() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const flag = /'(--?[^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") refuse(`Unknown option ${flag}.`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      refuse(
        OPTIONS[flag.slice(2) as keyof typeof OPTIONS]?.type === "boolean"
          ? `${flag} takes no value.`
          : `${flag} needs a value${/ambiguous/.test(message) ? ` (for one that starts with "-", write ${flag}=<value>)` : ""}.`,
      );
    throw error;
  }
}

const { values, positionals } = parsed();
if (values.list) list();
const [query, extra] = positionals;
if (extra !== undefined) refuse(`One lesson at a time: "${query}" and "${extra}".`);

// pnpm runs this from the repo root; a --file is relative to where it was typed.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by pnpm for the command it runs, not a turbo task's input
const typedIn = process.env.INIT_CWD ?? process.cwd();
const file = values.file;
if (file === "") refuse("--file needs a file, e.g. --file my-try.ts.");

// Step mode (--explore N, --replay <schedule>, --step; packages/lesson-kit/src/explore.ts).
let step: StepArgs | null;
try {
  step = stepArgs(values);
} catch (error) {
  refuse(`${(error as Error).message}.`);
}
const stepping = values.explore !== undefined || values.replay !== undefined || values.step;
if (step && !stepping) {
  const alone = ["scheduler", "seed", "depth", "preemptions"].find((k) => k in step!);
  if (alone) refuse(`--${alone} goes with --explore N.`);
}
if (stepping && values.runs !== undefined)
  refuse("--runs N repeats real runs; --explore, --replay and --step run schedules: choose one.");

let runs: number | undefined;
if (values.runs !== undefined) {
  const n = Number(values.runs);
  if (!Number.isInteger(n) || n < 1 || n > 1000 || values.runs.trim() === "")
    refuse(`--runs needs a whole number from 1 to 1000, not ${values.runs}.`);
  runs = n;
}
const check = values.check === true;

if (query === undefined) list();
const lesson = resolveLesson(lessons, query);
if (!lesson) list(`No lesson "${query}".`);

if (stepping && step) {
  const withFile = file === undefined ? step : { ...step, file: path.resolve(typedIn, file) };
  process.exit(await stepCommand(lesson, withFile));
}

const program = file ? path.resolve(typedIn, file) : path.join(lesson.dir, "src/main.ts");
if (!existsSync(program)) refuse(`No file ${program}.`);

if (!check && runs === undefined) {
  console.error(`── lesson ${lesson.id}${file ? `, ${path.relative(typedIn, program)}` : ""} ──`);
  const result = withCopy((entry) =>
    spawnSync(process.execPath, [entry], { cwd: lesson.dir, stdio: "inherit" }),
  );
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}

const checksFile = path.join(lesson.dir, "test/invariants.ts");
if (!existsSync(checksFile)) refuse(`Lesson ${lesson.id} has no checks (test/invariants.ts).`);
const { checks: lessonChecks } = (await import(checksFile)) as { checks: LessonChecks };
const source = readFileSync(program, "utf8");

/**
 * A learner's file runs from inside the lesson folder (a copy beside the
 * sample), so that `@unravel/core` resolves as it does for the sample;
 * its own path is put back in what it prints.
 */
function withCopy<T>(run: (entry: string) => T): T {
  if (!file) return run("src/main.ts");
  const copy = path.join(lesson!.dir, "src", `.try-${process.pid}.ts`);
  copyFileSync(program, copy);
  try {
    return run(copy);
  } finally {
    rmSync(copy, { force: true });
  }
}

/** One traced run: what it printed (shown as it comes, unless quiet) and its trace. */
function runOnce(quiet: boolean): { run: CheckRun; ok: boolean } {
  const tmp = mkdtempSync(path.join(tmpdir(), "unravel-lesson-"));
  try {
    const trace = path.join(tmp, "trace.jsonl");
    const result = withCopy((entry) =>
      spawnSync(process.execPath, [entry], {
        cwd: lesson!.dir,
        env: { ...process.env, UNRAVEL_TRACE: trace },
        encoding: "utf8",
        stdio: ["inherit", "pipe", quiet ? "pipe" : "inherit"],
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
    if (result.error) throw result.error;
    const text = file
      ? result.stdout.replaceAll(path.join(lesson!.dir, "src", `.try-${process.pid}.ts`), program)
      : result.stdout;
    if (!quiet) process.stdout.write(text);
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    return {
      run: { lines, language: "typescript", trace: readTraceFile(trace), source },
      ok: result.status === 0,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const what = file ? path.relative(typedIn, program) : `lesson ${lesson.id}`;
if (runs === undefined) {
  console.error(`── lesson ${lesson.id}${file ? `, ${what}` : ""} ──`);
  const { run, ok } = runOnce(false);
  const verdicts = judge(lessonChecks, run);
  console.log(`\nChecks of lesson ${lesson.id}:`);
  for (const line of formatVerdicts(verdicts)) console.log(`  ${line}`);
  if (!ok) console.log("  (the program itself exited with an error)");
  process.exit(verdicts.every((v) => v.passed) && ok ? 0 : 1);
}

const tally = emptyTally(lessonChecks);
for (let i = 1; i <= runs; i++) {
  process.stderr.write(`\rrun ${i} of ${runs}…`);
  const { run, ok } = runOnce(true);
  count(tally, lessonChecks, run, ok);
}
process.stderr.write("\r\x1b[K");
for (const line of formatTally(tally, what)) console.log(line);
process.exit(check && Object.values(tally.failures).some((n) => n > 0) ? 1 : 0);
