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

const STEP = /^(.+) \(ident (\d+)\): step (\d+)$/;
const WORKERS = ["worker-1", "worker-2", "worker-3", "worker-4"];
const LAST = "main: all joined (I am MainThread)";

/** The step lines, read: which thread, its ident, which step. */
function steps(lines: string[]) {
  return lines.flatMap((line) => {
    const m = STEP.exec(line);
    return m
      ? [{ name: m[1]!, ident: m[2]!, step: Number(m[3]) }]
      : [];
  });
}

export const invariants: Record<string, Check> = {
  "starts every worker before it joins any": (
    _lines,
    _language,
    trace,
  ) => {
    // Whether the workers' lines overlap is timing; that the main
    // thread started all four before its first join is the program's
    // own order, which the trace records. Start and join in one loop
    // and the workers run one after the other.
    if (!trace) return; // a browser run records no trace
    const steps = mainSteps(trace);
    const started = steps.findIndex(
      (s) => "text" in s && s.text === "main: started 4 threads",
    );
    expect(
      started,
      "main: started 4 threads",
    ).toBeGreaterThanOrEqual(0);
    // (A join of a thread that has already ended does not wait, and
    // the trace records only joins that waited.)
    const early = steps
      .slice(0, started)
      .filter((s) => s.kind === "join");
    expect(early, "joins before every worker was started").toEqual(
      [],
    );
  },
  "runs each thread's steps once and in its own order": (lines) => {
    const all = steps(lines);
    for (const name of WORKERS) {
      const mine = all.filter((s) => s.name === name);
      expect(
        mine.map((s) => s.step),
        name,
      ).toEqual([1, 2, 3]);
    }
    expect(all).toHaveLength(13);
  },
  "gives each thread one ident, unique among live threads": (
    lines,
  ) => {
    const named = steps(lines).filter((s) =>
      WORKERS.includes(s.name),
    );
    for (const w of WORKERS) {
      const idents = new Set(
        named.filter((s) => s.name === w).map((s) => s.ident),
      );
      expect(idents.size, `${w} keeps one ident`).toBe(1);
    }
    // A thread that printed between another's first and last lines
    // ran while that one was alive: their idents must differ. (One
    // that ended first may hand its ident on: Python often does.)
    const span = (w: string) => {
      const mine = lines.filter((l) => l.startsWith(`${w} (`));
      return [lines.indexOf(mine[0]!), lines.indexOf(mine.at(-1)!)];
    };
    const identOf = (w: string) =>
      named.find((s) => s.name === w)!.ident;
    for (const a of WORKERS) {
      for (const b of WORKERS) {
        const [a0, a1] = span(a);
        const [b0, b1] = span(b);
        if (a !== b && a0! < b1! && b0! < a1!) {
          expect(identOf(a), `${a} and ${b}`).not.toBe(identOf(b));
        }
      }
    }
  },
  "names an unnamed thread after its number and target": (
    lines,
  ) => {
    const others = steps(lines).filter(
      (s) => !WORKERS.includes(s.name),
    );
    expect(others.map((s) => s.name)).toEqual([
      expect.stringMatching(/^Thread-\d+ \(worker\)$/),
    ]);
  },
  "prints the main thread's lines in order, the last one last": (
    lines,
  ) => {
    expect(lines.filter((l) => l.startsWith("main: "))).toEqual([
      "main: started 4 threads",
      LAST,
    ]);
    expect(lines.at(-1)).toBe(LAST);
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
