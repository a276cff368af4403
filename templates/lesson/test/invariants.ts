/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Checked on the terminal
 * runs (test/lesson.test.ts, with each run's trace) and on the
 * browser run behind the page's Run button (the site's test imports
 * checkOutput from here, and has no trace).
 */
import type { Language } from "@unravel/lesson-kit";
import {
  mainSteps,
  type TraceEvent,
} from "@unravel/lesson-kit/test";
import { expect } from "vitest";

type Check = (
  lines: string[],
  language: Language,
  trace?: TraceEvent[],
) => void;

export const LAST = "main: joined the worker, so this line is last";

export const invariants: Record<string, Check> = {
  "runs the worker's steps once each, in order": (lines) => {
    expect(lines.filter((l) => l.startsWith("worker: "))).toEqual([
      "worker: step 1 of 3",
      "worker: step 2 of 3",
      "worker: step 3 of 3",
    ]);
  },
  "prints the main thread's last line after the join": (lines) => {
    // join() returns only after the worker's last line.
    expect(lines.at(-1)).toBe(LAST);
    expect(lines).toHaveLength(5);
  },
  "says it started the worker before it waits for it": (
    _lines,
    _language,
    trace,
  ) => {
    // The main thread's own order, from the trace: not timing.
    if (!trace) return; // a browser run records no trace
    const steps = mainSteps(trace);
    const said = steps.findIndex(
      (s) => "text" in s && s.text === "main: started the worker",
    );
    expect(said).toBeGreaterThanOrEqual(0);
    const early = steps
      .slice(0, said)
      .filter((s) => s.kind === "join");
    expect(early).toEqual([]);
  },
};

/** Every invariant. The site holds the Run button's output to it. */
export function checkOutput(
  lines: string[],
  language: Language = "typescript",
  trace?: TraceEvent[],
): void {
  for (const check of Object.values(invariants))
    check(lines, language, trace);
}
