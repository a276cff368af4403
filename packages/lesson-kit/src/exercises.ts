/**
 * What an exercise is: a folder `exercises/K-slug/` in a lesson package,
 * with its task (`exercise.md`: front matter, the task in prose, a ladder
 * of hints), its starting code (`start.ts`), a solution the tests prove
 * accepted (`solution.ts`, or the lesson's own sample when the front
 * matter says `solution: sample`) and its checks (`checks.ts`). Its id is
 * `<lesson number>.<K>` (`7.1`). The site, `pnpm exercise` and the proof
 * in `pnpm test` all read exercises through this module.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { LessonChecks } from "./check.ts";
import { BREAKS_DEADLOCK, RUN_END_TITLES } from "./exercise-accept.ts";
import { readFrontMatter } from "./front-matter.ts";
import { findLessons, type LessonFolder, lessonPath } from "./lessons.ts";

/** Break it (make the named check fail), fix it (make every check hold), write it (add the missing part). */
export type ExerciseKind = "break" | "fix" | "write";
export const EXERCISE_KINDS: readonly ExerciseKind[] = ["break", "fix", "write"];

/** Where each part of an exercise lives, relative to its folder. */
export const EXERCISE_FILES = {
  task: "exercise.md",
  start: "start.ts",
  solution: "solution.ts",
  checks: "checks.ts",
} as const;

/** Schedules explored when the front matter gives no `explore`. */
export const DEFAULT_EXPLORE = 200;

export interface ExerciseFolder {
  /** `7.1`: the lesson's number, then K from the folder name. */
  id: string;
  k: number;
  /** The slug from the folder name (`lose-an-update`). */
  slug: string;
  /** The folder's name, `1-lose-an-update`. */
  folder: string;
  /** The absolute path of the folder. */
  dir: string;
  lesson: LessonFolder;
}

export interface Exercise extends ExerciseFolder {
  title: string;
  kind: ExerciseKind;
  /**
   * The absolute path of its solution: `solution.ts` in the folder, or the
   * lesson's `src/main.ts` when the front matter says `solution: sample`
   * (where the answer is the sample as it stands: no copy to drift from it).
   */
  solutionFile: string;
  /** Whether the solution is the lesson's sample (`solution: sample`). */
  solutionIsSample: boolean;
  /** Schedules to explore when checking; 0: one real run only. */
  explore: number;
  /**
   * How schedules are chosen: PCT (the default) or uniformly at random.
   * Random finds races with many windows sooner (an `if` for a `while`:
   * PCT's few priority changes rarely land between a wake-up and its
   * lock); see docs/step-mode.md.
   */
  scheduler: "pct" | "random";
  /** The task, in markdown, without the hints. */
  task: string;
  /** The hints, in the order they are shown. */
  hints: string[];
}

/** What `checks.ts` exports. */
export interface ExerciseChecks {
  checks: LessonChecks;
  /**
   * A break exercise's named check: the one the learner's version must
   * make fail; or `"no deadlock"` (`BREAKS_DEADLOCK`): the run must deadlock.
   */
  breaks?: string;
}

const FOLDER = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The exercise folders of one lesson, in order of K; a folder not named `K-slug` throws. */
export function findExercises(lesson: LessonFolder): ExerciseFolder[] {
  const root = lessonPath(lesson, "exercises");
  if (!existsSync(root)) return [];
  const found: ExerciseFolder[] = [];
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (name.startsWith(".") || !statSync(dir).isDirectory()) continue;
    const match = FOLDER.exec(name);
    if (!match)
      throw new Error(
        `${dir}: an exercise folder is named K-slug (e.g. 1-lose-an-update), not "${name}".`,
      );
    const k = Number(match[1]);
    found.push({ id: `${lesson.number}.${k}`, k, slug: match[2]!, folder: name, dir, lesson });
  }
  found.sort((a, b) => a.k - b.k);
  for (let i = 1; i < found.length; i++)
    if (found[i]!.k === found[i - 1]!.k)
      throw new Error(
        `${root}: two exercises are number ${found[i]!.k} (${found[i - 1]!.folder}, ${found[i]!.folder}); give each its own.`,
      );
  return found;
}

/** Front matter keys of `exercise.md`. */
const KEYS = ["title", "kind", "explore", "scheduler", "solution"];

/** Reads an exercise's `exercise.md`; throws, naming the file and the fix, on a problem. */
export function readExercise(folder: ExerciseFolder): Exercise {
  const need = (part: string) => {
    if (!existsSync(join(folder.dir, part)))
      throw new Error(
        `${join(folder.dir, part)} is missing: an exercise folder holds ${Object.values(EXERCISE_FILES).join(", ")} (solution.ts unless exercise.md says solution: sample).`,
      );
  };
  need(EXERCISE_FILES.task);
  const file = join(folder.dir, EXERCISE_FILES.task);
  const { data, problems, body } = readFrontMatter(readFileSync(file, "utf8"));
  if (problems.length > 0)
    throw new Error(
      `${file}: ${problems.map((p) => p.replace("lesson.md", "exercise.md")).join("; ")}`,
    );
  for (const key of Object.keys(data))
    if (!KEYS.includes(key))
      throw new Error(`${file}: unknown front matter key "${key}" (${KEYS.join(", ")}).`);
  need(EXERCISE_FILES.start);
  need(EXERCISE_FILES.checks);
  const title = typeof data.title === "string" ? data.title.trim() : "";
  if (title === "") throw new Error(`${file}: front matter needs a "title".`);
  const kind = data.kind as ExerciseKind;
  if (!EXERCISE_KINDS.includes(kind))
    throw new Error(
      `${file}: "kind" is one of break, fix, write, not ${JSON.stringify(data.kind)}.`,
    );
  let explore = DEFAULT_EXPLORE;
  if (data.explore !== undefined) {
    explore = Number(data.explore);
    if (!Number.isInteger(explore) || explore < 0)
      throw new Error(
        `${file}: "explore" is a whole number of schedules (0 for none), not ${JSON.stringify(data.explore)}.`,
      );
  }
  const scheduler = data.scheduler ?? "pct";
  if (scheduler !== "pct" && scheduler !== "random")
    throw new Error(`${file}: "scheduler" is pct or random, not ${JSON.stringify(scheduler)}.`);
  const solutionIsSample = solutionFrom(file, folder, data.solution);
  const solutionFile = solutionIsSample
    ? lessonPath(folder.lesson, "sample")
    : join(folder.dir, EXERCISE_FILES.solution);
  const { task, hints } = splitHints(body);
  if (task.trim() === "")
    throw new Error(`${file}: the task (prose after the front matter) is empty.`);
  return {
    ...folder,
    title,
    kind,
    solutionFile,
    solutionIsSample,
    explore,
    scheduler,
    task: task.trim(),
    hints,
  };
}

/**
 * Whether the solution is the lesson's sample: `solution: sample`, with no
 * `solution.ts` beside it (a copy would drift), and the sample there.
 * Without the key, `solution.ts` must be there.
 */
function solutionFrom(file: string, folder: ExerciseFolder, value: unknown): boolean {
  const own = join(folder.dir, EXERCISE_FILES.solution);
  if (value === undefined) {
    if (!existsSync(own))
      throw new Error(
        `${own} is missing: write the solution there, or say \`solution: sample\` in exercise.md when the lesson's src/main.ts is the solution.`,
      );
    return false;
  }
  if (value !== "sample")
    throw new Error(
      `${file}: "solution" is only ever sample (the lesson's src/main.ts is the solution), not ${JSON.stringify(value)}; otherwise leave it out and write solution.ts.`,
    );
  if (existsSync(own))
    throw new Error(
      `${file} says solution: sample, but ${own} is there too: delete solution.ts (the lesson's src/main.ts is the solution), or drop the key.`,
    );
  const sample = lessonPath(folder.lesson, "sample");
  if (!existsSync(sample))
    throw new Error(`${file} says solution: sample, but the lesson has no ${sample}.`);
  return true;
}

/** The task and its `## Hints` list (`1. …` items, each possibly over several lines). */
export function splitHints(body: string): { task: string; hints: string[] } {
  const lines = body.split("\n");
  const at = lines.findIndex((l) => /^##\s+Hints\s*$/i.test(l));
  if (at === -1) return { task: body, hints: [] };
  const hints: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (/^##\s/.test(line)) break;
    const item = /^\d+\.\s+(.*)$/.exec(line);
    if (item) hints.push(item[1]!);
    else if (line.trim() !== "" && hints.length > 0) hints[hints.length - 1] += ` ${line.trim()}`;
  }
  return { task: lines.slice(0, at).join("\n"), hints };
}

/** Every exercise of the course, lesson by lesson. */
export function courseExercises(lessonsDir: string): Exercise[] {
  return findLessons(lessonsDir).flatMap((lesson) => findExercises(lesson).map(readExercise));
}

/** Finds an exercise by id (`7.1`) or by `<lesson>.<slug>` (`7.lose-an-update`). */
export function resolveExercise<E extends ExerciseFolder>(
  exercises: E[],
  query: string,
): E | undefined {
  const q = query.trim().toLowerCase();
  return exercises.find((e) => e.id === q || `${e.lesson.number}.${e.slug}` === q);
}

/**
 * Loads `checks.ts`: `checks` (a `LessonChecks`) and, for a break exercise,
 * `breaks`, the title of one of them. Throws, saying what to export, when
 * it does not fit.
 */
export async function loadExerciseChecks(exercise: Exercise): Promise<ExerciseChecks> {
  const file = join(exercise.dir, EXERCISE_FILES.checks);
  const module = (await import(
    /* @vite-ignore */ pathToFileURL(file).href
  )) as Partial<ExerciseChecks>;
  return validateChecks(file, exercise.kind, module);
}

/** The checks of `module`, checked against the exercise's kind. */
export function validateChecks(
  file: string,
  kind: ExerciseKind,
  module: Partial<ExerciseChecks>,
): ExerciseChecks {
  const checks = module.checks;
  if (!checks?.checks || Object.keys(checks.checks).length === 0)
    throw new Error(
      `${file} exports no checks: export const checks: LessonChecks = { checks: { "title": { says, check } } }`,
    );
  for (const title of Object.values(RUN_END_TITLES))
    if (title in checks.checks)
      throw new Error(
        `${file}: a check is titled "${title}", the runner's own title for how a run ends; give it a title of its own${title === BREAKS_DEADLOCK ? ` (a break exercise whose point is a deadlock needs no such check: export const breaks = "${BREAKS_DEADLOCK}" passes only on a run that deadlocks)` : ""}.`,
      );
  if (kind === "break") {
    if (typeof module.breaks !== "string")
      throw new Error(
        `${file}: a break exercise exports breaks, the title of the check the learner must make fail (export const breaks = "…").`,
      );
    if (module.breaks !== BREAKS_DEADLOCK && !(module.breaks in checks.checks))
      throw new Error(
        `${file}: breaks is "${module.breaks}", which is not one of its checks: ${Object.keys(
          checks.checks,
        )
          .map((t) => `"${t}"`)
          .join(", ")} (or "${BREAKS_DEADLOCK}", for a run that deadlocks).`,
      );
    return { checks, breaks: module.breaks };
  }
  if (module.breaks !== undefined)
    throw new Error(
      `${file}: only a break exercise exports breaks; this one is a ${kind} exercise.`,
    );
  return { checks };
}
