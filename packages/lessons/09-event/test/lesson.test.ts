import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const WORKERS = ["w1", "w2", "w3"];

describe.each(programs)("09-event ($language)", ({ run }) => {
  let lines: string[];
  const at = (line: string) => {
    const index = lines.indexOf(line);
    expect(index, `"${line}"`).toBeGreaterThanOrEqual(0);
    return index;
  };
  beforeAll(async () => {
    const out: LessonRun = await run(dir);
    lines = out.lines;
  }, TEST_TIMEOUT_MS);

  it("starts only once every worker is ready", () => {
    for (const w of WORKERS) {
      expect(at(`${w}: ready`)).toBeLessThan(at("main: start!"));
    }
  });

  it("lets no worker go before the start signal", () => {
    for (const w of WORKERS) {
      expect(at(`${w}: go!`)).toBeGreaterThan(at("main: start!"));
    }
  });

  it("stops every worker, and none before the stop signal", () => {
    for (const w of WORKERS) {
      const stopped = lines.filter((l) =>
        l.startsWith(`${w}: stopped`),
      );
      expect(stopped).toHaveLength(1);
      expect(stopped[0]).toMatch(/^w\d: stopped after \d+ rounds$/);
      expect(at(stopped[0]!)).toBeGreaterThan(at("main: stop!"));
    }
  });

  it("prints the main thread's last line last", () => {
    expect(lines.at(-1)).toBe("main: all workers stopped");
    expect(lines).toHaveLength(3 * WORKERS.length + 3);
  });
});
