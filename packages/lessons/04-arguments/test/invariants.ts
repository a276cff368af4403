/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const count = (lines: string[], line: string) =>
  lines.filter((l) => l === line).length;

// What differs: every JavaScript thread has its own module state,
// Python's threads share one; JavaScript copies a list into a thread,
// Python shares it; JavaScript refuses to pass a function, Python
// passes it.
const differs = {
  typescript: {
    greeted: "greeted = 0",
    list: "list = [1, 2, 3]",
    fn: /^TypeError: args\[0\] is a function.*share no objects/,
  },
  python: {
    greeted: "greeted = 3",
    list: "list = [1, 2, 3, 4]",
    fn: /^hi$/,
  },
};

export const invariants: Record<string, Check> = {
  "gives each thread its own arguments and options": (lines) => {
    expect(count(lines, "hello, Ada")).toBe(1);
    expect(count(lines, "hello, Alan")).toBe(2); // times: 2
    expect(count(lines, "HELLO, GRACE!")).toBe(1); // loud: true
  },
  "prints every greeting before the joins return": (lines) => {
    expect(lines.slice(0, 4).sort()).toEqual([
      "HELLO, GRACE!",
      "hello, Ada",
      "hello, Alan",
      "hello, Alan",
    ]);
  },
  "shows a change to shared memory made in the thread": (lines) => {
    expect(lines).toContain("shared[0] = 42");
  },
  "keeps module state per thread in JavaScript, shared in Python": (
    lines,
    language,
  ) => {
    expect(lines[4]).toBe(differs[language].greeted);
  },
  "shows what crossing into a thread does to a list and a function":
    (lines, language) => {
      expect(lines[5]).toBe(differs[language].list);
      expect(lines.at(-1)).toMatch(differs[language].fn);
      expect(lines).toHaveLength(8);
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
