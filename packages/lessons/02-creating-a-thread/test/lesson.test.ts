import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const THREAD = "thread: hello from the new thread";
const MAIN = [
  "main: thread created",
  "main: thread started",
  "main: my last line",
];

describe.each(programs)(
  "02-creating-a-thread ($language)",
  ({ run }) => {
    let out: LessonRun;
    beforeAll(async () => {
      out = await run(dir);
    }, TEST_TIMEOUT_MS);

    it("prints the main thread's lines in program order", () => {
      expect(
        out.lines.filter((l) => l.startsWith("main: ")),
      ).toEqual(MAIN);
    });

    it("runs the thread once, even if the main thread finishes first", () => {
      // The program waits for its threads before it exits.
      expect(out.lines.filter((l) => l === THREAD)).toHaveLength(1);
      expect(out.lines).toHaveLength(4);
    });

    it("runs the thread only after it was created and started", () => {
      expect(out.lines.indexOf(THREAD)).toBeGreaterThan(
        out.lines.indexOf(MAIN[0]!),
      );
    });
  },
);
