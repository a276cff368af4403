/**
 * `@unravel/lesson-kit/test`: a lesson's whole test. Runs the real sample
 * (`node src/main.ts`) and its Python twin (`python3 python/main.py`) once
 * each, and checks every invariant on both outputs — what every run must
 * show, never one exact interleaving of the threads' lines.
 */
import { beforeAll, describe, it } from "vitest";
import { type Language, lessonDir, programs, TEST_TIMEOUT_MS } from "./index.ts";

/** One invariant: throws (an `expect` failure) when `lines` do not show it. */
export type Invariant = (lines: string[], language: Language) => void;

export function describeLesson(meta: ImportMeta, invariants: Record<string, Invariant>): void {
  const dir = lessonDir(meta);
  describe.each(programs)("$language", ({ language, run }) => {
    let lines: string[] = [];
    beforeAll(async () => {
      lines = (await run(dir)).lines;
    }, TEST_TIMEOUT_MS);

    for (const [title, check] of Object.entries(invariants)) {
      it(title, () => check(lines, language));
    }
  });
}
