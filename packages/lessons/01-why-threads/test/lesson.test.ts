import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const isBeat = (line: string) => /^beat at \d+ ms$/.test(line);

/** The lines of one part of the program, from its heading to the next. */
function part(
  lines: string[],
  heading: string,
  next?: string,
): string[] {
  const start = lines.indexOf(heading);
  const end =
    next === undefined ? lines.length : lines.indexOf(next);
  expect(start, `heading "${heading}"`).toBeGreaterThanOrEqual(0);
  expect(end, `after "${heading}"`).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

/** The beats printed between the work's start and done lines. */
function beatsDuringWork(lines: string[]): number {
  const start = lines.indexOf("  work: start");
  const done = lines.indexOf("  work: done");
  expect(start).toBeGreaterThanOrEqual(0);
  expect(done).toBeGreaterThan(start);
  return lines.slice(start + 1, done).filter(isBeat).length;
}

const INLINE = "1. The work runs inline, on the main thread:";
const THREAD = "2. The work runs in a thread of its own:";

describe.each(programs)("01-why-threads ($language)", ({ run }) => {
  let out: LessonRun;
  beforeAll(async () => {
    out = await run(dir);
  }, TEST_TIMEOUT_MS);

  it("prints only beats and the work's two lines in each part", () => {
    for (const lines of [
      part(out.lines, INLINE, THREAD),
      part(out.lines, THREAD),
    ]) {
      expect(lines.filter((l) => !isBeat(l))).toEqual([
        "  work: start",
        "  work: done",
      ]);
    }
  });

  it("stops beating while the work runs inline", () => {
    expect(beatsDuringWork(part(out.lines, INLINE, THREAD))).toBe(
      0,
    );
  });

  it("keeps beating while the work runs in a thread", () => {
    // 600 ms of work and a beat every 100 ms: about six beats.
    expect(
      beatsDuringWork(part(out.lines, THREAD)),
    ).toBeGreaterThanOrEqual(2);
  });

  it("beats once more after joining the thread", () => {
    expect(out.lines.at(-1)).toMatch(/^beat at \d+ ms$/);
    expect(out.lines.lastIndexOf("  work: done")).toBeLessThan(
      out.lines.length - 1,
    );
  });
});
