import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const count = (lines: string[], line: string) =>
  lines.filter((l) => l === line).length;

// What differs: JavaScript copies a list into a thread, Python shares it;
// JavaScript refuses to pass a function, Python passes it.
const differs = {
  typescript: {
    list: "list = [1, 2, 3]",
    fn: /^TypeError: args\[0\] is a function.*share no objects/,
  },
  python: { list: "list = [1, 2, 3, 4]", fn: /^hi$/ },
};

describe.each(programs)(
  "04-arguments ($language)",
  ({ language, run }) => {
    let lines: string[];
    beforeAll(async () => {
      const out: LessonRun = await run(dir);
      lines = out.lines;
    }, TEST_TIMEOUT_MS);

    it("gives each thread its own arguments and options", () => {
      expect(count(lines, "hello, Ada")).toBe(1);
      expect(count(lines, "hello, Alan")).toBe(2); // times: 2
      expect(count(lines, "HELLO, GRACE!")).toBe(1); // loud: true
    });

    it("has every greeting printed before the joins return", () => {
      expect(lines.slice(0, 4).sort()).toEqual([
        "HELLO, GRACE!",
        "hello, Ada",
        "hello, Alan",
        "hello, Alan",
      ]);
    });

    it("shows a change to shared memory made in the thread", () => {
      expect(lines).toContain("shared[0] = 42");
    });

    it(`shows what crossing into a thread does to a list and a function`, () => {
      expect(lines[4]).toBe(differs[language].list);
      expect(lines.at(-1)).toMatch(differs[language].fn);
      expect(lines).toHaveLength(7);
    });
  },
);
