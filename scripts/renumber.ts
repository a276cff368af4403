/**
 * `pnpm renumber <lesson> <position>`: moves one lesson to another place in
 * the course and renumbers the others to stay 1, 2, 3, … without gaps.
 * `pnpm renumber` alone closes any gaps and lists the order.
 *
 * A lesson's number lives in its folder name only, so this renames folders.
 * Two other places follow a folder's name, and this updates both: mentions of
 * a lesson's folder name (`03-join`) in the lessons' own files, and the
 * lockfile's entries (through `pnpm install`). Captures of moved lessons are
 * deleted, since they carry the old folder name; the next capture redoes them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  findLessons,
  type LessonFolder,
  resolveLesson,
} from "../packages/lesson-kit/src/lessons.ts";
import { root } from "./run.ts";

const USAGE = `usage: pnpm renumber <lesson> <position>

  lesson     the lesson to move: its number, slug or folder name (3, join, 03-join)
  position   the number it gets; the lessons in between shift by one

Without arguments, closes any gaps in the numbering.
See docs/adding-a-lesson.md.`;

const lessonsDir = join(root, "packages", "lessons");
/** The lesson files that may mention a folder name; never generated or installed ones. */
const SKIP = new Set(["node_modules", "capture", ".turbo", "dist"]);

class InputError extends Error {}

const folderName = (number: number, slug: string) => `${String(number).padStart(2, "0")}-${slug}`;

/** The course order after moving `lesson` to `position` (1-based). */
function reorder(lessons: LessonFolder[], args: string[]): LessonFolder[] {
  if (args.length === 0) return lessons;
  const [query, to, ...extra] = args;
  if (to === undefined || extra.length > 0) throw new InputError("give a lesson and a position");
  const lesson = resolveLesson(lessons, query!);
  if (!lesson) throw new InputError(`no lesson "${query}"`);
  const position = Number(to);
  if (!/^\d+$/.test(to) || position < 1 || position > lessons.length) {
    throw new InputError(
      `position must be a whole number from 1 to ${lessons.length}, not "${to}"`,
    );
  }
  const order = lessons.filter((l) => l !== lesson);
  order.splice(position - 1, 0, lesson);
  return order;
}

/** Every text file of a lesson that an author wrote. */
function authoredFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...authoredFiles(path));
    else if (/\.(ts|md|py|json)$/.test(entry.name)) files.push(path);
  }
  return files;
}

function run(args: string[]): number {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const lessons = findLessons(lessonsDir);
  const order = reorder(lessons, args);
  const moves = order
    .map((lesson, i) => ({ lesson, to: folderName(i + 1, lesson.slug) }))
    .filter((m) => m.to !== m.lesson.id);

  if (moves.length === 0) {
    console.log(
      args.length === 0
        ? "Nothing to renumber: no gaps. The course is:"
        : "Nothing to renumber: the lesson is already there. The course is:",
    );
  } else {
    // Two steps, through hidden names, so no rename lands on a folder still in use.
    for (const m of moves) renameSync(m.lesson.dir, join(lessonsDir, `.renumber-${m.lesson.id}`));
    for (const m of moves) {
      renameSync(join(lessonsDir, `.renumber-${m.lesson.id}`), join(lessonsDir, m.to));
      rmSync(join(lessonsDir, m.to, "capture"), { recursive: true, force: true });
    }

    // Rewrite mentions of the old folder names (e.g. a test titled "03-join").
    const renamed = new Map(moves.map((m) => [m.lesson.id, m.to]));
    const mention = new RegExp(`\\b(${[...renamed.keys()].join("|")})\\b`, "g");
    for (const lesson of findLessons(lessonsDir)) {
      for (const file of authoredFiles(lesson.dir)) {
        const text = readFileSync(file, "utf8");
        const updated = text.replace(mention, (id) => renamed.get(id) ?? id);
        if (updated !== text) {
          writeFileSync(file, updated);
          console.log(`  updated ${relative(root, file)}`);
        }
      }
    }

    console.log("\n▶ pnpm install (the lockfile lists lessons by folder)");
    const install = spawnSync("pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"], {
      cwd: root,
      stdio: "inherit",
    });
    if (install.status !== 0) {
      console.error(
        "\n✖ renumber: the folders are renamed but pnpm install failed; fix the error above and run pnpm install.",
      );
      return 1;
    }
    console.log("\n✔ Renumbered:");
    for (const m of moves) console.log(`  ${m.lesson.id} → ${m.to}`);
    console.log("\nThe course is now:");
  }
  for (const lesson of findLessons(lessonsDir)) console.log(`  ${lesson.number}  ${lesson.slug}`);
  if (moves.length > 0) {
    console.log("\nCommit: git add -A packages/lessons pnpm-lock.yaml");
    if (existsSync(join(root, ".git"))) {
      console.log("(git sees each move as a rename once both sides are staged.)");
    }
  }
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(`renumber: ${error.message}; nothing was changed.\n\n${USAGE}`);
  process.exitCode = 2;
}
