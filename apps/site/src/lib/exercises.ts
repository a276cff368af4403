/**
 * The exercises as a lesson page shows them, read at build time through
 * lesson-kit's exercise model (`findExercises`, `readExercise`): the task
 * and hints as HTML, the starting code and the solution as text. Their
 * checks are not read here: the page loads each exercise's `checks.ts` as
 * a chunk of its own when Check is pressed (exercise-check.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  EXERCISE_FILES,
  type ExerciseKind,
  findExercises,
  parseLessonId,
  readExercise,
} from "@unravel/lesson-kit";
import { lessonsDir, listLessons } from "./lessons.ts";

export interface PageExercise {
  id: string;
  /** The lesson's folder and the exercise's (`07-lock`, `1-lose-an-update`): where its checks are. */
  lesson: string;
  folder: string;
  title: string;
  kind: ExerciseKind;
  explore: number;
  scheduler: "pct" | "random";
  taskHtml: string;
  hintsHtml: string[];
  start: string;
  solution: string;
  /** The heading's anchor on the page. */
  anchor: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Inline markdown: `code`, **strong**, *em*, [links](url); the rest is text. */
export function inline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (part.startsWith("`") && part.endsWith("`") && part.length > 1)
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
        .replace(/(^|[\s(])[*_]([^*_]+)[*_](?=[\s).,;:!?]|$)/g, "$1<em>$2</em>")
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
    })
    .join("");
}

/** The markdown of a task: paragraphs and `- ` lists, with inline markup (all a task needs). */
export function taskHtml(markdown: string): string {
  const blocks = markdown.trim().split(/\n\s*\n/);
  return blocks
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((l, i) => /^\s*- /.test(l) || (i > 0 && /^\s+\S/.test(l)))) {
        const items: string[] = [];
        for (const l of lines)
          if (/^\s*- /.test(l)) items.push(l.replace(/^\s*- /, ""));
          else items[items.length - 1] += ` ${l.trim()}`;
        return `<ul>${items.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`;
      }
      return `<p>${inline(lines.map((l) => l.trim()).join(" "))}</p>`;
    })
    .join("\n");
}

/** The exercises of the lesson in `dir` (its folder), in order. */
export function lessonExercises(dir: string): PageExercise[] {
  const id = parseLessonId(dir);
  if (!id) return [];
  return findExercises({ ...id, dir }).map((folder) => {
    const e = readExercise(folder);
    return {
      id: e.id,
      lesson: id.id,
      folder: e.folder,
      title: e.title,
      kind: e.kind,
      explore: e.explore,
      scheduler: e.scheduler,
      taskHtml: taskHtml(e.task),
      hintsHtml: e.hints.map(inline),
      start: readFileSync(path.join(e.dir, EXERCISE_FILES.start), "utf8"),
      solution: readFileSync(e.solutionFile, "utf8"), // solution.ts, or the sample (`solution: sample`)
      anchor: `exercise-${e.id.replace(".", "-")}`,
    };
  });
}

/** Each lesson page's path with its exercises' ids: what the sidebar's marks count. */
export function exerciseIndex(dir = lessonsDir()): Record<string, string[]> {
  return Object.fromEntries(
    listLessons(dir).map((l) => [l.href, lessonExercises(l.dir).map((e) => e.id)]),
  );
}

/** The page's headings for its exercises ("On this page"). */
export function exerciseHeadings(exercises: PageExercise[]) {
  if (exercises.length === 0) return [];
  return [
    { depth: 2, slug: "exercises", text: "Exercises" },
    ...exercises.map((e) => ({ depth: 3, slug: e.anchor, text: `${e.id} ${e.title}` })),
  ];
}
