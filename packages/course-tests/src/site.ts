/**
 * Whether a lesson is on the built site (`apps/site/dist/`): its page at
 * `/lessons/<slug>/`, showing its title and its captured output.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type LessonFolder, lessonPath, readFrontMatter } from "@unravel/lesson-kit";
import type { Course } from "./contract.ts";

export const BUILD_COMMAND =
  "pnpm turbo run capture && pnpm turbo run build --filter=@unravel/site";

export const siteDist = (course: Course) => join(course.root, "apps", "site", "dist");

/** The built page of a lesson; the site's route is `src/pages/lessons/[slug].astro`. */
export const pagePath = (course: Course, lesson: LessonFolder) =>
  join(siteDist(course), "lessons", lesson.slug, "index.html");

/** The text of an HTML page, with tags dropped and the entities Astro writes decoded. */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

export function checkPage(course: Course, lesson: LessonFolder): string[] {
  const page = pagePath(course, lesson);
  if (!existsSync(siteDist(course))) {
    return [`the site is not built (no apps/site/dist/): run ${BUILD_COMMAND}`];
  }
  if (!existsSync(page)) {
    return [`no page at apps/site/dist/lessons/${lesson.slug}/index.html: run ${BUILD_COMMAND}`];
  }
  const text = pageText(readFileSync(page, "utf8"));
  const problems: string[] = [];
  const md = lessonPath(lesson, "prose");
  const title = existsSync(md) ? readFrontMatter(readFileSync(md, "utf8")).data.title : undefined;
  if (typeof title === "string" && !text.includes(title)) {
    problems.push(`the page does not show the title "${title}": rebuild the site`);
  }
  const run = lessonPath(lesson, "capture");
  if (existsSync(run)) {
    const lines: Array<{ stream: string; text: string }> = JSON.parse(readFileSync(run, "utf8"))
      .typescript.lines;
    const first = lines.find((l) => l.stream === "stdout" && l.text.trim() !== "")?.text.trim();
    if (first !== undefined && !text.includes(first)) {
      problems.push(`the page does not show the captured output ("${first}"): rebuild the site`);
    }
  }
  return problems;
}
