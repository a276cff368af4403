import { describe, expect, it } from "vitest";
import { lessonDir, runLesson, runPython } from "../src/testing.ts";
import { copyFixture } from "./helpers.ts";

describe("runLesson and runPython", () => {
  it("run the real entry points and return their stdout lines", async () => {
    const dir = copyFixture("01-prints");
    const py = await runPython(dir);
    expect(py).toMatchObject({
      lines: ["py first", "py second", "py no newline"],
      stderr: "",
      exitCode: 0,
    });
  });

  it("throw with the output when a lesson writes to stderr or fails", async () => {
    const error = await runLesson(copyFixture("01-prints")).catch((e: Error) => e);
    expect(String(error)).toMatch(/`node src\/main.ts` did not run cleanly:\n/);
    expect(String(error)).toContain("\n[stderr] a warning\n");
    await expect(runLesson(copyFixture("03-fails"))).rejects.toThrow(/\(exit code 3 after/);
  });

  it("return a failing run when asked to allow it", async () => {
    const run = await runLesson(copyFixture("03-fails"), { allowFailure: true });
    expect(run).toMatchObject({
      lines: ["before the failure"],
      stderr: "something went wrong",
      exitCode: 3,
    });
  });

  it("find the lesson folder from a test file", () => {
    expect(
      lessonDir({ url: "file:///repo/packages/lessons/03-join/test/lesson.test.ts" } as ImportMeta),
    ).toBe("/repo/packages/lessons/03-join");
  });
});
