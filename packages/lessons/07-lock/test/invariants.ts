/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. The expected total is read
 * from the output (`<count> of <total>`), so the checks hold for any
 * number of threads and additions: an edited or cut-down version is
 * judged by the same rules.
 *
 * One run cannot show that the race exists: a run that loses nothing
 * is a correct run of the unlocked half too, and how much it loses is
 * timing. What the lock promises, the exact total, holds on every run.
 * (A scheduler that explores interleavings, planned for the library,
 * can then find a losing one on purpose; until then, the losses the
 * page shows are what one real run happened to do.)
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

/** Reads `<label>: <count> of <total>`. */
function counted(lines: string[], label: string) {
  const line = lines.find((l) => l.startsWith(`${label}:`)) ?? "";
  const m = /^[a-z ]+: +(\d+) of (\d+)$/.exec(line);
  expect(m, `a "${label}: <count> of <total>" line`).not.toBeNull();
  return { count: Number(m![1]), total: Number(m![2]) };
}

export const invariants: Record<string, Check> = {
  "counts every addition exactly with the lock": (lines) => {
    const { count, total } = counted(lines, "with a lock");
    expect(total).toBeGreaterThan(0);
    expect(count).toBe(total);
  },
  "may lose additions without the lock, never gain any": (
    lines,
  ) => {
    // Losses depend on timing: any count from 1 to the total is
    // right (the last write is at least some thread's first + 1).
    const { count, total } = counted(lines, "without a lock");
    expect(total).toBe(counted(lines, "with a lock").total);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(total);
    expect(lines).toContain(`  lost updates: ${total - count}`);
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
