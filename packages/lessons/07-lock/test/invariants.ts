/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const TOTAL = 4 * 1_000_000;

/** Reads `<label>: <count> of <total>`. */
function counted(lines: string[], label: string) {
  const line = lines.find((l) => l.startsWith(`${label}:`)) ?? "";
  const m = /^[a-z ]+: +(\d+) of (\d+)$/.exec(line);
  expect(m, `a "${label}" line`).not.toBeNull();
  return { count: Number(m![1]), total: Number(m![2]) };
}

export const invariants: Record<string, Check> = {
  "counts every addition exactly with the lock": (lines) => {
    expect(counted(lines, "with a lock")).toEqual({
      count: TOTAL,
      total: TOTAL,
    });
  },
  "may lose additions without the lock, never gain any": (
    lines,
  ) => {
    // Losses depend on timing: any count up to the total is right.
    const { count, total } = counted(lines, "without a lock");
    expect(total).toBe(TOTAL);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(TOTAL);
    expect(lines).toContain(`  lost updates: ${TOTAL - count}`);
  },
  "prints its three lines in order": (lines) => {
    expect(lines.map((l) => l.split(":")[0])).toEqual([
      "without a lock",
      "  lost updates",
      "with a lock",
    ]);
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
