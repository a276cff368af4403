/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

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
  "gives each running thread one ident of its own": (lines) => {
    const named = steps(lines).filter((s) =>
      WORKERS.includes(s.name),
    );
    const identOf = new Map(named.map((s) => [s.name, s.ident]));
    for (const s of named)
      expect(s.ident).toBe(identOf.get(s.name));
    expect(new Set(identOf.values()).size).toBe(4);
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
): void {
  for (const check of Object.values(invariants))
    check(lines, language);
}
