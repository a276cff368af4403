/**
 * `pnpm exercise [<id>] [--watch] [--hint] [--solution] [--reset] [--replay S]`:
 * the course's exercises in this terminal, Rustlings-style.
 *
 *   pnpm exercise            lists every exercise with its state
 *   pnpm exercise 7.1        copies the starting code to my-exercises/ the first
 *                            time, checks your file, prints the result
 *   --watch                  checks again on every save (Ctrl-C to stop)
 *   --hint                   prints the next hint
 *   --solution               prints a solution
 *   --reset                  starts again from the starting code (yours is kept as .bak)
 *   --replay <schedule>      runs your file on one schedule, step by step, with the checks
 *
 * Your files and your progress (my-exercises/progress.json) are git-ignored.
 * `UNRAVEL_EXERCISES_DIR` puts them elsewhere.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatSchedule, parseSchedule } from "../packages/core/src/step/schedulers.ts";
import { failuresOf } from "../packages/lesson-kit/src/exercise-accept.ts";
import { checkFile, type FileVerdict } from "../packages/lesson-kit/src/exercise-check.ts";
import {
  courseExercises,
  EXERCISE_FILES,
  type Exercise,
  loadExerciseChecks,
  resolveExercise,
} from "../packages/lesson-kit/src/exercises.ts";
import { formatStep, runStepped } from "../packages/lesson-kit/src/explore.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const lessonsDir = path.join(root, "packages", "lessons");
// biome-ignore lint/suspicious/noUndeclaredEnvVars: where the learner's files go, for tests; not a turbo task's input
const workDir = path.resolve(process.env.UNRAVEL_EXERCISES_DIR ?? path.join(root, "my-exercises"));
const progressFile = path.join(workDir, "progress.json");

const USAGE = `usage: pnpm exercise [<id>] [--watch] [--hint] [--solution] [--reset] [--replay <schedule>]
  e.g. pnpm exercise, pnpm exercise 7.1, pnpm exercise 7.1 --watch, pnpm exercise 7.1 --hint`;

type State = "done" | "started";
interface Progress {
  exercises: Record<string, { state: State; hints?: number; doneAt?: string }>;
}

function readProgress(): Progress {
  if (!existsSync(progressFile)) return { exercises: {} };
  try {
    const data = JSON.parse(readFileSync(progressFile, "utf8")) as Progress;
    return data?.exercises ? data : { exercises: {} };
  } catch {
    console.error(`(${progressFile} could not be read; starting a fresh record of progress)`);
    return { exercises: {} };
  }
}

function saveProgress(progress: Progress): void {
  mkdirSync(workDir, { recursive: true });
  writeFileSync(progressFile, `${JSON.stringify(progress, null, 2)}\n`);
}

function update(id: string, change: (entry: Progress["exercises"][string]) => void): void {
  const progress = readProgress();
  const entry = progress.exercises[id] ?? { state: "started" };
  change(entry);
  progress.exercises[id] = entry;
  saveProgress(progress);
}

/** The learner's file for an exercise. */
const workFile = (e: Exercise) => path.join(workDir, `${e.id}-${e.slug}.ts`);
const shown = (file: string) => path.relative(process.cwd(), file) || file;

function list(exercises: Exercise[]): void {
  const progress = readProgress();
  let lesson = -1;
  const done = exercises.filter((e) => progress.exercises[e.id]?.state === "done").length;
  console.log(`Exercises: ${done} of ${exercises.length} done\n`);
  for (const e of exercises) {
    if (e.lesson.number !== lesson) {
      lesson = e.lesson.number;
      console.log(`lesson ${e.lesson.number} (${e.lesson.slug})`);
    }
    const state = progress.exercises[e.id]?.state ?? (existsSync(workFile(e)) ? "started" : "");
    const mark = state === "done" ? "✓ done   " : state === "started" ? "… started" : "  to do  ";
    console.log(`  ${mark}  ${e.id.padEnd(5)} ${e.kind.padEnd(5)}  ${e.title}`);
  }
  const next = exercises.find((e) => progress.exercises[e.id]?.state !== "done");
  console.log(next ? `\nNext: pnpm exercise ${next.id}` : "\nEvery exercise is done.");
}

/** The task as the terminal shows it. */
function showTask(e: Exercise, file: string): void {
  console.log(`── exercise ${e.id}: ${e.title} (${e.kind} it) ──\n`);
  console.log(e.task);
  console.log(`\nYour file: ${shown(file)}`);
  console.log(
    `Edit it, then: pnpm exercise ${e.id}   (--watch checks on every save, --hint for a hint)\n`,
  );
}

/** Copies the starting code to the work folder the first time; returns the learner's file. */
function ensureWorkFile(e: Exercise): { file: string; created: boolean } {
  const file = workFile(e);
  if (existsSync(file)) return { file, created: false };
  mkdirSync(workDir, { recursive: true });
  copyFileSync(path.join(e.dir, EXERCISE_FILES.start), file);
  update(e.id, () => {});
  return { file, created: true };
}

function report(verdict: FileVerdict): void {
  for (const line of verdict.words)
    console.log(line.startsWith("  ") ? line : `${verdict.accepted ? "✓" : "✗"} ${line}`);
  const d = verdict.decisive ?? verdict.other;
  if (d && !verdict.cancelled) {
    console.log(`output${d.on === "schedule" ? ` of schedule ${d.seed}` : " of the real run"}:`);
    for (const line of d.lines.slice(0, 40)) console.log(`  │ ${line}`);
    if (d.lines.length > 40) console.log(`  │ … ${d.lines.length - 40} more lines`);
  }
  if (verdict.replay) console.log(`replay it, step by step:\n  ${verdict.replay}`);
}

const isTTY = process.stdout.isTTY === true;

/** One check of the learner's file; records "done" when accepted. */
async function checkOnce(
  e: Exercise,
  file: string,
  cancelled?: () => boolean,
): Promise<FileVerdict> {
  const what = e.explore > 0 ? `up to ${e.explore} schedules, then a real run` : "one real run";
  console.log(`checking ${shown(file)}: ${what}…`);
  const verdict = await checkFile(e, file, {
    onProgress(done, total) {
      if (isTTY) process.stdout.write(`\r  ${done} of ${total} runs`);
    },
    ...(cancelled ? { cancelled } : {}),
  });
  if (isTTY) process.stdout.write("\r\x1b[K");
  if (verdict.cancelled) return verdict;
  report(verdict);
  if (verdict.accepted) {
    const first = readProgress().exercises[e.id]?.state !== "done";
    update(e.id, (entry) => {
      entry.state = "done";
      entry.doneAt ??= new Date().toISOString();
    });
    const all = courseExercises(lessonsDir);
    const next = all[all.findIndex((x) => x.id === e.id) + 1];
    console.log(
      `\n${first ? "Exercise done" : "Still done"}.${next ? ` Next: pnpm exercise ${next.id} (${next.title})` : " That was the last exercise."}`,
    );
  }
  return verdict;
}

/** `--watch`: checks now and after every save; a save during a check starts it again. */
async function watchFile(e: Exercise, file: string): Promise<never> {
  let version = 0;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const mine = version;
        console.log(`\n── ${new Date().toLocaleTimeString("en-GB")} exercise ${e.id} ──`);
        const verdict = await checkOnce(e, file, () => version !== mine);
        if (!verdict.cancelled && version === mine) break;
      }
    } catch (error) {
      console.log(`✗ ${(error as Error).message}`);
    } finally {
      running = false;
    }
    console.log(`\nwatching ${shown(file)} for changes (Ctrl-C to stop)`);
  };
  let timer: NodeJS.Timeout | undefined;
  // Watch the folder, not the file: editors that save by renaming replace the file.
  watch(path.dirname(file), (_event, name) => {
    if (name !== path.basename(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!existsSync(file)) return;
      version += 1;
      void run();
    }, 50);
  });
  await run();
  return new Promise<never>(() => {});
}

/** `--replay <schedule>`: the learner's file on one schedule, each step with its line, then the checks. */
async function replay(e: Exercise, file: string, text: string): Promise<number> {
  let schedule: number[];
  try {
    schedule = parseSchedule(text);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { checks, breaks } = await loadExerciseChecks(e);
  const rel = `.t${process.pid}.ts`;
  const copy = path.join(e.dir, rel);
  copyFileSync(file, copy);
  try {
    const run = runStepped(e.dir, rel, { scheduler: "replay", replay: schedule });
    const mine = (t: string) => t.replaceAll(rel, shown(file));
    console.log(`── exercise ${e.id}: ${shown(file)}, replaying ${run.schedule.length} steps ──`);
    for (const step of run.steps) console.log(mine(formatStep(step)));
    console.log("output:");
    for (const line of run.lines) console.log(`  │ ${line}`);
    const failed = failuresOf(
      {
        end: run.end,
        exitCode: run.exitCode,
        lines: run.lines,
        stderr: mine(run.stderr),
        trace: run.trace,
        source: run.source,
        ...(run.report ? { report: mine(run.report) } : {}),
      },
      checks,
    );
    for (const f of failed)
      console.log(`✗ ${f.says}: ${f.reason}${f.title === breaks ? "   (the check to break)" : ""}`);
    if (failed.length === 0)
      console.log(`✓ every check holds on this schedule (${formatSchedule(run.schedule)})`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    rmSync(copy, { force: true });
  }
}

async function main(args: string[]): Promise<number> {
  const exercises = courseExercises(lessonsDir);
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--replay");
  const known = ["--watch", "--hint", "--solution", "--reset", "--replay", "--list"];
  for (const f of flags)
    if (!known.includes(f)) {
      console.error(`Unknown option ${f}.\n${USAGE}`);
      return 2;
    }
  if (positional.length === 0) {
    list(exercises);
    return 0;
  }
  if (positional.length > 1) {
    console.error(`One exercise at a time: "${positional[0]}" and "${positional[1]}".\n${USAGE}`);
    return 2;
  }
  const e = resolveExercise(exercises, positional[0]!);
  if (!e) {
    console.error(`No exercise "${positional[0]}": an id is <lesson>.<number>, e.g. 7.1.\n`);
    list(exercises);
    return 1;
  }
  if (flags.has("--hint")) {
    const seen = readProgress().exercises[e.id]?.hints ?? 0;
    if (e.hints.length === 0) console.log(`Exercise ${e.id} has no hints.`);
    else {
      const n = Math.min(seen + 1, e.hints.length);
      console.log(`hint ${n} of ${e.hints.length} for ${e.id} (${e.title}):\n  ${e.hints[n - 1]}`);
      if (n === e.hints.length)
        console.log("(that was the last hint; --solution shows a solution)");
      update(e.id, (entry) => {
        entry.hints = n;
      });
    }
    return 0;
  }
  if (flags.has("--solution")) {
    const whose = e.solutionIsSample ? `: the lesson's sample, ${shown(e.solutionFile)}` : "";
    console.log(`── a solution to ${e.id} (${e.title})${whose} ──`);
    console.log(readFileSync(e.solutionFile, "utf8"));
    return 0;
  }
  if (flags.has("--reset") && existsSync(workFile(e))) {
    copyFileSync(workFile(e), `${workFile(e)}.bak`);
    copyFileSync(path.join(e.dir, EXERCISE_FILES.start), workFile(e));
    console.log(
      `Started again from the starting code; your version is in ${shown(workFile(e))}.bak`,
    );
  }
  const { file, created } = ensureWorkFile(e);
  if (flags.has("--replay")) {
    const at = args.indexOf("--replay");
    const schedule = args[at + 1];
    if (schedule === undefined || schedule.startsWith("--")) {
      console.error(`--replay needs a schedule, e.g. --replay 1*3,2,1\n${USAGE}`);
      return 2;
    }
    return replay(e, file, schedule);
  }
  if (created || flags.has("--reset")) showTask(e, file);
  else console.log(`── exercise ${e.id}: ${e.title} (${e.kind} it) ──`);
  if (flags.has("--watch")) return watchFile(e, file);
  const verdict = await checkOnce(e, file);
  return verdict.accepted ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
