import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const LAST = "main: the thread is done, so this line is last";

describe.each(programs)("03-join ($language)", ({ run }) => {
  let lines: string[];
  beforeAll(async () => {
    const out: LessonRun = await run(dir);
    lines = out.lines.map((l) => l.toLowerCase()); // Python prints True/False
  }, TEST_TIMEOUT_MS);

  it("prints the main thread's last line last, after the thread's", () => {
    expect(lines.at(-1)).toBe(LAST);
    expect(lines.indexOf("thread: done")).toBeLessThan(
      lines.indexOf("main: joined, alive=false"),
    );
  });

  it("runs the thread's two lines once each, in order", () => {
    expect(lines.filter((l) => l.startsWith("thread: "))).toEqual([
      "thread: working...",
      "thread: done",
    ]);
  });

  it("returns from a timed join while the thread still runs", () => {
    // The thread sleeps 600 ms; the join gives up after 100 ms.
    const timed = lines.findIndex((l) =>
      l.startsWith("main: after "),
    );
    expect(lines[timed]).toMatch(
      /^main: after (100 ms|0\.1 s), ended=false, alive=true$/,
    );
    expect(timed).toBeLessThan(lines.indexOf("thread: done"));
  });

  it("has the thread ended once join returns", () => {
    expect(lines).toContain("main: joined, alive=false");
    expect(lines).toHaveLength(6);
  });
});
