/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const THREAD = "thread: hello from the new thread";
const MAIN = [
  "main: thread created",
  "main: thread started",
  "main: my last line",
];

export const invariants: Record<string, Check> = {
  "prints the main thread's lines in program order": (lines) => {
    expect(lines.filter((l) => l.startsWith("main: "))).toEqual(
      MAIN,
    );
  },
  "runs the thread once, even if the main thread ends first": (
    lines,
  ) => {
    // The program waits for its threads before it exits.
    expect(lines.filter((l) => l === THREAD)).toHaveLength(1);
    expect(lines).toHaveLength(4);
  },
  "runs the thread only after it was created and started": (
    lines,
  ) => {
    expect(lines.indexOf(THREAD)).toBeGreaterThan(
      lines.indexOf(MAIN[0]!),
    );
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
