/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const LAST = "main: my last line; the program ends here";
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
  "reads the thread's result only after joining it": (lines) => {
    // Before the join, the thread may not have written it yet.
    const joined = lines.findIndex((l) =>
      l.toLowerCase().startsWith("main: joined"),
    );
    expect(lines[joined + 1]).toBe("main: the result is 42");
  },
  "ends the program while a daemon thread still runs": (lines) => {
    // The daemon loops forever: the run ended (the test would
    // time out otherwise) and it was alive after start().
    const l = lower(lines);
    expect(l.at(-2)).toBe("main: daemon started, alive=true");
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
    expect(lines).toHaveLength(8);
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
