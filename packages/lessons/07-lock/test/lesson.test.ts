import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const TOTAL = 4 * 1_000_000;

/** Reads `<label>: <count> of <total>`. */
function counted(lines: string[], label: string) {
  const line = lines.find((l) => l.startsWith(`${label}:`));
  const m = /^[a-z ]+: +(\d+) of (\d+)$/.exec(line ?? "");
  expect(m, `a "${label}" line`).not.toBeNull();
  return { count: Number(m![1]), total: Number(m![2]) };
}

describe.each(programs)("07-lock ($language)", ({ run }) => {
  let lines: string[];
  beforeAll(async () => {
    const out: LessonRun = await run(dir);
    lines = out.lines;
  }, TEST_TIMEOUT_MS);

  it("counts every addition exactly with the lock", () => {
    expect(counted(lines, "with a lock")).toEqual({
      count: TOTAL,
      total: TOTAL,
    });
  });

  it("may lose additions without the lock, never gain any", () => {
    // Losses depend on timing: any count up to the total is right.
    const { count, total } = counted(lines, "without a lock");
    expect(total).toBe(TOTAL);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(TOTAL);
    expect(lines).toContain(`  lost updates: ${TOTAL - count}`);
  });

  it("prints its three lines in order", () => {
    expect(lines.map((l) => l.split(":")[0])).toEqual([
      "without a lock",
      "  lost updates",
      "with a lock",
    ]);
  });
});
