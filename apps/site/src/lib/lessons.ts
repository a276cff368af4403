/**
 * The lessons as the site needs them, from lesson-kit's one lesson model
 * (`findLessons`, `readLesson`): the folder name is the only source of a
 * lesson's number and slug, and the order of the folders is the order of
 * the course. Nothing in the site lists lessons by hand.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { findLessons, LESSON_FILES, lessonPath, readLesson } from "@unravel/lesson-kit";
import { type RunCapture, validateCapture } from "./capture.ts";

export const CAPTURE_COMMAND = "pnpm turbo run capture";

export interface Lesson {
  /** The lesson package folder, absolute. */
  dir: string;
  /** The folder name, e.g. `01-start-a-thread`. */
  folder: string;
  number: number;
  slug: string;
  title: string;
  description: string;
  /** Lines of the sample to mark, e.g. `[5, "8-10"]`. */
  highlight: Array<number | string>;
  /** The page's path on the site. */
  href: string;
}

/** Where the lesson packages live; `UNRAVEL_LESSONS_DIR` overrides it. */
export function lessonsDir(): string {
  return (
    process.env.UNRAVEL_LESSONS_DIR ??
    path.resolve(process.cwd(), "..", "..", "packages", "lessons")
  );
}

export function lessonHref(slug: string): string {
  return `/lessons/${slug}/`;
}

/** The URL the Run button loads the lesson's browser bundle from. */
export function runModuleHref(folder: string): string {
  return `/runs/${folder}/main.js`;
}

/** Every lesson, in course order; two lessons with one number or one slug fail the build. */
export function listLessons(dir = lessonsDir()): Lesson[] {
  const lessons = findLessons(dir).map((folder) => {
    const { id, number, slug, title, description, highlight } = readLesson(folder);
    return {
      dir: folder.dir,
      folder: id,
      number,
      slug,
      title,
      description,
      highlight,
      href: lessonHref(slug),
    };
  });
  for (let i = 1; i < lessons.length; i++) {
    if (lessons[i]!.number === lessons[i - 1]!.number) {
      throw new Error(
        `Two lessons share number ${lessons[i]!.number}: ${lessons[i - 1]!.folder} and ${lessons[i]!.folder}.`,
      );
    }
  }
  const slugs = new Set<string>();
  for (const l of lessons) {
    if (slugs.has(l.slug)) throw new Error(`Two lessons share the slug "${l.slug}".`);
    slugs.add(l.slug);
  }
  return lessons;
}

/** The lesson prose, without its front matter. */
export function readProse(lesson: Lesson): string {
  return readLesson({
    id: lesson.folder,
    number: lesson.number,
    slug: lesson.slug,
    dir: lesson.dir,
  }).prose;
}

export function readSample(lesson: Lesson): string {
  return readRequired(lesson, "sample");
}

export function readPython(lesson: Lesson): string | undefined {
  const file = lessonPath(lesson, "python");
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** The lesson's browser bundle (`capture/browser/main.js`), if captured. */
export function browserBundlePath(lesson: Pick<Lesson, "dir">): string {
  return lessonPath(lesson, "browserBundle");
}

/**
 * The captured run. A missing capture fails the build with the command that
 * makes it: a page never shows an empty output box.
 */
export function readCapture(lesson: Lesson): RunCapture {
  const file = lessonPath(lesson, "capture");
  if (!existsSync(file)) {
    throw new Error(
      `Lesson ${lesson.folder} has no captured output (${path.relative(process.cwd(), file)} is missing).\n` +
        `Run \`${CAPTURE_COMMAND}\` from the repo root, then build the site again.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). Run \`${CAPTURE_COMMAND}\`.`,
    );
  }
  return validateCapture(json, file);
}

function readRequired(lesson: Lesson, part: "sample"): string {
  const file = lessonPath(lesson, part);
  if (!existsSync(file))
    throw new Error(`Lesson ${lesson.folder}: ${LESSON_FILES[part]} is missing.`);
  return readFileSync(file, "utf8");
}
