import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const STEP = /^(.+) \(ident (\d+)\): step (\d+)$/;

/** The step lines, read: which thread, its ident, which step. */
function steps(lines: string[]) {
  return lines.flatMap((line) => {
    const m = STEP.exec(line);
    return m
      ? [{ name: m[1]!, ident: m[2]!, step: Number(m[3]) }]
      : [];
  });
}

describe.each(programs)(
  "05-many-threads ($language)",
  ({ run }) => {
    let lines: string[];
    beforeAll(async () => {
      const out: LessonRun = await run(dir);
      lines = out.lines;
    }, TEST_TIMEOUT_MS);

    it("runs each thread's steps once and in its own order", () => {
      const all = steps(lines);
      for (const name of [
        "worker-1",
        "worker-2",
        "worker-3",
        "worker-4",
      ]) {
        expect(
          all.filter((s) => s.name === name).map((s) => s.step),
          name,
        ).toEqual([1, 2, 3]);
      }
      expect(all).toHaveLength(13);
    });

    it("gives each running thread one ident of its own", () => {
      const named = steps(lines).filter((s) =>
        s.name.startsWith("worker-"),
      );
      const identOf = new Map(named.map((s) => [s.name, s.ident]));
      for (const s of named)
        expect(s.ident).toBe(identOf.get(s.name));
      expect(new Set(identOf.values()).size).toBe(4);
    });

    it("names an unnamed thread after its number and target", () => {
      const others = steps(lines).filter(
        (s) => !s.name.startsWith("worker-"),
      );
      expect(others.map((s) => s.name)).toEqual([
        expect.stringMatching(/^Thread-\d+ \(worker\)$/),
      ]);
    });

    it("prints the main thread's lines in order, the last one last", () => {
      expect(lines.filter((l) => l.startsWith("main: "))).toEqual([
        "main: started 4 threads",
        "main: all joined (I am MainThread)",
      ]);
      expect(lines.at(-1)).toBe(
        "main: all joined (I am MainThread)",
      );
    });
  },
);
