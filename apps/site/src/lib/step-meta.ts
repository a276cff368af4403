/** A lesson's `stepping:` front matter, read at build time (see `step-words.ts` for its forms). */
import { readFileSync } from "node:fs";
import { lessonPath, readFrontMatter } from "@unravel/lesson-kit";
import { readStepping, type Stepping } from "./step-words.ts";

export function lessonStepping(lesson: { dir: string }): Stepping {
  const prose = readFileSync(lessonPath(lesson, "prose"), "utf8");
  return readStepping(readFrontMatter(prose).data.stepping);
}
