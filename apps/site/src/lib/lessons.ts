/**
 * Reads the lesson packages (`packages/lessons/NN-slug/`). The folder name is
 * the only source of a lesson's number and slug, and the order of the folders
 * is the order of the course: nothing in the site lists lessons by hand.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseFrontmatter } from "astro/markdown";
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

const FOLDER = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

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

/** Every lesson, in course order. */
export function listLessons(dir = lessonsDir()): Lesson[] {
  if (!existsSync(dir)) return [];
  const lessons: Lesson[] = [];
  for (const name of readdirSync(dir)) {
    const match = FOLDER.exec(name);
    if (!match) continue;
    const lessonDir = path.join(dir, name);
    if (!statSync(lessonDir).isDirectory()) continue;
    const file = path.join(lessonDir, "lesson.md");
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: every lesson folder needs its prose in lesson.md.`);
    }
    const { frontmatter } = parseFrontmatter(readFileSync(file, "utf8"));
    if (typeof frontmatter.title !== "string" || frontmatter.title.trim() === "") {
      throw new Error(`${file}: front matter needs a "title".`);
    }
    lessons.push({
      dir: lessonDir,
      folder: name,
      number: Number(match[1]),
      slug: match[2]!,
      title: frontmatter.title,
      description: typeof frontmatter.description === "string" ? frontmatter.description : "",
      highlight: Array.isArray(frontmatter.highlight) ? frontmatter.highlight : [],
      href: lessonHref(match[2]!),
    });
  }
  lessons.sort((a, b) => a.number - b.number || a.folder.localeCompare(b.folder));
  for (let i = 1; i < lessons.length; i++) {
    if (lessons[i]!.number === lessons[i - 1]!.number) {
      throw new Error(
        `Two lessons share number ${lessons[i]!.number}: ${lessons[i - 1]!.folder} and ${lessons[i]!.folder}.`,
      );
    }
    if (lessons[i]!.slug === lessons[i - 1]!.slug) {
      throw new Error(`Two lessons share the slug "${lessons[i]!.slug}".`);
    }
  }
  return lessons;
}

/** The lesson prose, without its front matter. */
export function readProse(lesson: Lesson): string {
  return parseFrontmatter(readFileSync(path.join(lesson.dir, "lesson.md"), "utf8")).content;
}

export function readSample(lesson: Lesson): string {
  return readRequired(lesson, "src/main.ts");
}

export function readPython(lesson: Lesson): string | undefined {
  const file = path.join(lesson.dir, "python", "main.py");
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** The lesson's browser bundle (`capture/browser/main.js`), if captured. */
export function browserBundlePath(lesson: Pick<Lesson, "dir">): string {
  return path.join(lesson.dir, "capture", "browser", "main.js");
}

/**
 * The captured run. A missing capture fails the build with the command that
 * makes it: a page never shows an empty output box.
 */
export function readCapture(lesson: Lesson): RunCapture {
  const file = path.join(lesson.dir, "capture", "run.json");
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

function readRequired(lesson: Lesson, rel: string): string {
  const file = path.join(lesson.dir, rel);
  if (!existsSync(file)) throw new Error(`Lesson ${lesson.folder}: ${rel} is missing.`);
  return readFileSync(file, "utf8");
}
