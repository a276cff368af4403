/**
 * `pnpm lesson <n | slug>`: runs one lesson's sample in this terminal,
 * exactly as `pnpm start` in its folder does (`node src/main.ts`).
 * Without a valid lesson, lists them.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseStepArgs, stepCommand } from "../packages/lesson-kit/src/explore.ts";
import {
  findLessons,
  type LessonFolder,
  resolveLesson,
} from "../packages/lesson-kit/src/lessons.ts";

const lessonsDir = fileURLToPath(new URL("../packages/lessons/", import.meta.url));
const lessons = findLessons(lessonsDir);
const query = process.argv[2];

/** Prints the lessons; with a problem, on stderr and failing. */
function list(problem?: string): never {
  const lines = lessons.map((l: LessonFolder) => `  ${l.number}  ${l.slug}`);
  const usage = "usage: pnpm lesson <number or name>, e.g. pnpm lesson 3";
  const text = `${usage}\n\nlessons:\n${lines.join("\n")}`;
  if (problem === undefined) console.log(text);
  else console.error(`${problem}\n\n${text}`);
  process.exit(problem === undefined ? 0 : 1);
}

if (query === undefined || query === "--list") list();
const lesson = resolveLesson(lessons, query);
if (!lesson) list(`No lesson "${query}".`);

// Step mode: --explore N, --replay <schedule>, --file my-try.ts (packages/lesson-kit/src/explore.ts).
const stepArgs = process.argv.slice(3);
if (parseStepArgs(stepArgs)) process.exit(await stepCommand(lesson, stepArgs));

console.error(`── lesson ${lesson.id} ──`);
const result = spawnSync(process.execPath, ["src/main.ts"], {
  cwd: lesson.dir,
  stdio: "inherit",
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
