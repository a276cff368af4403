import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  count,
  emptyTally,
  formatTally,
  judge,
  type LessonChecks,
  must,
  sourceWaits,
} from "../src/check.ts";
import type { Language } from "../src/programs.ts";
import { conditionWaits } from "../src/waits.ts";

const dir = mkdtempSync(join(tmpdir(), "check-"));
const lesson8 = fileURLToPath(new URL("../../lessons/08-condition/", import.meta.url));

/** sourceWaits (no compiler, for the page) must read a program as conditionWaits does. */
function agree(name: string, text: string, language: Language, receivers: string[]) {
  const path = join(dir, name);
  writeFileSync(path, text);
  // (Python's ast.walk goes breadth first: compare in line order.)
  const reference = conditionWaits(path, language, receivers).sort((a, b) => a.line - b.line);
  expect(sourceWaits(text, language, receivers)).toEqual(reference);
  return reference;
}

describe("sourceWaits", () => {
  it("reads TypeScript as the compiler does: while, do-while, if, for, block or not", () => {
    const waits = agree(
      "a.ts",
      [
        "export function f(c: Cond, e: Ev, n: number) {",
        "  while (n === 0) c.wait();",
        "  while (n === 0) {",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the program under test
        "    log(`c.wait() ${n}`); // c.wait() in a comment",
        "    c.wait(10);",
        "  }",
        "  if (n === 0) c.wait();",
        "  for (;;) { c.wait(); }",
        "  if (n) {",
        "    c.wait();",
        "  }",
        "  do { c.wait(); } while (n === 0);",
        "  while (f(n)) { if (n) { c.wait(); } }",
        "  /* c.wait() */ e.wait();",
        "}",
      ].join("\n"),
      "typescript",
      ["c"],
    );
    expect(waits.map((w) => w.inWhileLoop)).toEqual([true, true, false, false, false, true, false]);
  });

  it("reads Python as its ast does", () => {
    agree(
      "a.py",
      [
        "def f(c, n):",
        "    while n == 0:",
        "        # c.wait() in a comment",
        "        c.wait()",
        "    if n == 0:",
        "        c.wait()",
        "    while True:",
        "        if n:",
        "            c.wait()",
        "    while n: c.wait()",
      ].join("\n"),
      "python",
      ["c"],
    );
  });

  it("reads lesson 8 and its broken version (an if for the while) as the compiler does", () => {
    for (const [file, language, receivers] of [
      ["src/main.ts", "typescript", ["notFull", "notEmpty"]],
      ["python/main.py", "python", ["not_full", "not_empty"]],
    ] as const) {
      const text = readFileSync(join(lesson8, file), "utf8");
      const ok = agree(`ok-${language}`, text, language, [...receivers]);
      expect(ok.length).toBeGreaterThan(0);
      expect(ok.every((w) => w.inWhileLoop)).toBe(true);
      const broken = text.replace(/\bwhile\b/, "if");
      const bad = agree(`bad-${language}`, broken, language, [...receivers]);
      expect(bad.some((w) => !w.inWhileLoop)).toBe(true);
    }
  });
});

describe("judge and count", () => {
  const lesson: LessonChecks = {
    checks: {
      "ends with done": {
        says: ({ lines }) => `the last of ${lines.length} lines is "done"`,
        check({ lines }) {
          must(lines.at(-1) === "done", `the last line is "${lines.at(-1)}"`);
        },
      },
      "reads a number": {
        says: "the first line is a number",
        check({ lines }) {
          if (Number.isNaN(Number(lines[0]))) throw new TypeError("not a number");
        },
      },
    },
    outcome: ({ lines }) => (lines.length > 1 ? "long" : "short"),
  };
  const run = (...lines: string[]) => ({ lines, language: "typescript" as const });

  it("passes, or fails with the check's reason, with the sentence read from the run", () => {
    expect(judge(lesson, run("1", "done"))).toEqual([
      { title: "ends with done", says: 'the last of 2 lines is "done"', passed: true },
      { title: "reads a number", says: "the first line is a number", passed: true },
    ]);
    const [ends, reads] = judge(lesson, run("x"));
    expect(ends).toMatchObject({ passed: false, reason: 'the last line is "x"' });
    // A check that throws something other than its failure still fails, and says why.
    expect(reads).toMatchObject({ passed: false, reason: expect.stringMatching(/not a number/) });
  });

  it("counts outcomes and failures over many runs", () => {
    const tally = emptyTally(lesson);
    for (const lines of [["1", "done"], ["2", "done"], ["x"]]) count(tally, lesson, run(...lines));
    expect(tally.outcomes).toEqual([
      { outcome: "long", count: 2 },
      { outcome: "short", count: 1 },
    ]);
    expect(tally.failures).toEqual({ "ends with done": 1, "reads a number": 1 });
    const text = formatTally(tally, "lesson X").join("\n");
    expect(text).toMatch(
      /^Outcomes of 3 runs of lesson X:\n {2}2× {2}long\n {2}1× {2}short\nChecks:\n/,
    );
    expect(text).toContain("failed in 1 of 3");
  });

  it("takes the output text as the outcome when the lesson defines none", () => {
    const plain: LessonChecks = { checks: {} };
    const tally = emptyTally(plain);
    count(tally, plain, run("a", "b"));
    count(tally, plain, run("a", "b"));
    expect(tally.outcomes).toEqual([{ outcome: "a\nb", count: 2 }]);
  });
});
