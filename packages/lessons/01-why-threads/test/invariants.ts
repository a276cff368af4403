/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const INLINE = "1. The work runs inline, on the main thread:";
const THREAD = "2. The work runs in a thread of its own:";
const isBeat = (line: string) => /^beat at \d+ ms$/.test(line);

/** The lines of one part of the program, from its heading to the next. */
function part(lines: string[], heading: string, next?: string) {
  const start = lines.indexOf(heading);
  const end =
    next === undefined ? lines.length : lines.indexOf(next);
  expect(start, `heading "${heading}"`).toBeGreaterThanOrEqual(0);
  expect(end, `the part after "${heading}"`).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

/** The beats printed between the work's start and done lines. */
function beatsDuringWork(lines: string[]): number {
  const start = lines.indexOf("  work: start");
  const done = lines.indexOf("  work: done");
  expect(start, "work: start").toBeGreaterThanOrEqual(0);
  expect(done, "work: done after work: start").toBeGreaterThan(
    start,
  );
  return lines.slice(start + 1, done).filter(isBeat).length;
}

export const invariants: Record<string, Check> = {
  "prints only beats and the work's two lines in each part": (
    lines,
  ) => {
    for (const p of [
      part(lines, INLINE, THREAD),
      part(lines, THREAD),
    ]) {
      expect(p.filter((l) => !isBeat(l))).toEqual([
        "  work: start",
        "  work: done",
      ]);
    }
  },
  "stops beating while the work runs inline": (lines) => {
    expect(beatsDuringWork(part(lines, INLINE, THREAD))).toBe(0);
  },
  "keeps beating while the work runs in a thread": (lines) => {
    // 600 ms of work, a beat every 100 ms: about six beats.
    const beats = beatsDuringWork(part(lines, THREAD));
    expect(beats).toBeGreaterThanOrEqual(2);
  },
  "beats once more after joining the thread": (lines) => {
    expect(lines.at(-1)).toMatch(/^beat at \d+ ms$/);
    const done = lines.lastIndexOf("  work: done");
    expect(done).toBeLessThan(lines.length - 1);
  },
};

/** Every invariant. The site holds the Run button's output to it. */
export function checkOutput(
  lines: string[],
  language: Language = "typescript",
): void {
  for (const check of Object.values(invariants))
    check(lines, language);
}
