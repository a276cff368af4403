/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const LAST = "main: the thread is done, so this line is last";
// Python prints True/False where JavaScript prints true/false.
const lower = (lines: string[]) =>
  lines.map((l) => l.toLowerCase());

export const invariants: Record<string, Check> = {
  "prints the main thread's last line last, after the thread's": (
    lines,
  ) => {
    const l = lower(lines);
    expect(l.at(-1)).toBe(LAST);
    const joined = l.indexOf("main: joined, alive=false");
    expect(l.indexOf("thread: done")).toBeLessThan(joined);
  },
  "runs the thread's two lines once each, in order": (lines) => {
    expect(lines.filter((l) => l.startsWith("thread: "))).toEqual([
      "thread: working...",
      "thread: done",
    ]);
  },
  "returns from a timed join while the thread still runs": (
    lines,
  ) => {
    // The thread sleeps 600 ms; the timed join gives up after 100.
    const l = lower(lines);
    const timed = l.findIndex((line) =>
      line.startsWith("main: after "),
    );
    expect(l[timed]).toMatch(
      /^main: after (100 ms|0\.1 s), ended=false, alive=true$/,
    );
    expect(timed).toBeLessThan(l.indexOf("thread: done"));
  },
  "has the thread ended once join returns": (lines) => {
    expect(lower(lines)).toContain("main: joined, alive=false");
    expect(lines).toHaveLength(6);
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
