/**
 * Where lessons are and what they are called. A lesson's number and slug
 * come from its folder name (`NN-slug`) only: the order of the course is
 * the order of the folders.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";

export interface LessonId {
  /** The folder name, e.g. `03-join`. */
  id: string;
  /** The number from the folder name, e.g. `3`. */
  number: number;
  /** The slug from the folder name, e.g. `join`. */
  slug: string;
}

export interface LessonFolder extends LessonId {
  /** The absolute path of the lesson's folder. */
  dir: string;
}

const FOLDER = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Reads a lesson folder name; `undefined` when it is not `NN-slug`. */
export function parseLessonId(folder: string): LessonId | undefined {
  const match = FOLDER.exec(basename(folder));
  if (!match) return undefined;
  return { id: match[0], number: Number(match[1]), slug: match[2]! };
}

/** Every lesson under `lessonsDir`, in course order. */
export function findLessons(lessonsDir: string): LessonFolder[] {
  const lessons: LessonFolder[] = [];
  for (const name of readdirSync(lessonsDir)) {
    const id = parseLessonId(name);
    const dir = join(lessonsDir, name);
    if (id && statSync(dir).isDirectory()) lessons.push({ ...id, dir });
  }
  return lessons.sort((a, b) => a.number - b.number || a.slug.localeCompare(b.slug));
}

/**
 * Finds the lesson a learner asked for: its number (`3`, `03`), its slug
 * (`join`) or its folder name (`03-join`).
 */
export function resolveLesson(lessons: LessonFolder[], query: string): LessonFolder | undefined {
  const q = query.trim().toLowerCase();
  if (/^\d+$/.test(q)) return lessons.find((l) => l.number === Number(q));
  return lessons.find((l) => l.slug === q || l.id === q);
}
