/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
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

const THREAD = "thread: hello from the new thread";
const MAIN = [
  "main: thread created",
  "main: thread started",
  "main: my last line",
];

export const invariants: Record<string, Check> = {
  "does not wait for the thread before its last line": (
    _lines,
    _language,
    trace,
  ) => {
    // The output's order cannot show it (the hello may come anywhere
    // after start()); what the main thread did, in its own order, can.
    if (!trace) return; // a browser run records no trace
    const steps = mainSteps(trace);
    const last = steps.findIndex(
      (s) => "text" in s && s.text === MAIN[2],
    );
    expect(last, "the main thread's last line").toBeGreaterThan(0);
    const joins = steps
      .slice(0, last)
      .filter((s) => s.kind === "join");
    expect(joins, "joins before main's last line").toEqual([]);
  },
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
  trace?: TraceEvent[],
): void {
  for (const check of Object.values(invariants))
    check(lines, language, trace);
}
