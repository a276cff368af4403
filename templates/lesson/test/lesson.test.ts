import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const LAST = "main: joined the worker, so this line is last";

// Runs the real sample (node src/main.ts) and its Python twin
// (python3 python/main.py), and checks what every run must show —
// never one exact interleaving of the threads' lines.
describe.each(programs)("$language", ({ run }) => {
  let out: LessonRun;
  beforeAll(async () => {
    out = await run(dir);
  }, TEST_TIMEOUT_MS);

  it("runs the worker's steps once each, in order", () => {
    expect(
      out.lines.filter((l) => l.startsWith("worker: ")),
    ).toEqual([
      "worker: step 1 of 3",
      "worker: step 2 of 3",
      "worker: step 3 of 3",
    ]);
  });

  it("prints the main thread's last line after the join", () => {
    expect(out.lines.at(-1)).toBe(LAST);
    expect(out.lines).toHaveLength(5);
  });
});
