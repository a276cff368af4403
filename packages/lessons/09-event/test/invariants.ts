/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const WORKERS = ["w1", "w2", "w3"];

/** Where a line is; it must be there. */
function at(lines: string[], line: string): number {
  const index = lines.indexOf(line);
  expect(index, `"${line}"`).toBeGreaterThanOrEqual(0);
  return index;
}

export const invariants: Record<string, Check> = {
  "starts only once every worker is ready": (lines) => {
    const start = at(lines, "main: start!");
    for (const w of WORKERS) {
      expect(at(lines, `${w}: ready`)).toBeLessThan(start);
    }
  },
  "lets no worker go before the start signal": (lines) => {
    const start = at(lines, "main: start!");
    for (const w of WORKERS) {
      expect(at(lines, `${w}: go!`)).toBeGreaterThan(start);
    }
  },
  "stops every worker, none before the stop signal": (lines) => {
    const stop = at(lines, "main: stop!");
    for (const w of WORKERS) {
      const stopped = lines.filter((l) =>
        l.startsWith(`${w}: stopped`),
      );
      expect(stopped).toHaveLength(1);
      expect(stopped[0]).toMatch(/^w\d: stopped after \d+ rounds$/);
      expect(at(lines, stopped[0]!)).toBeGreaterThan(stop);
    }
  },
  "prints the main thread's last line last": (lines) => {
    expect(lines.at(-1)).toBe("main: all workers stopped");
    expect(lines).toHaveLength(3 * WORKERS.length + 3);
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
