import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The root `pnpm lesson N` command, run on the course's real lessons.
const script = fileURLToPath(new URL("../../../scripts/lesson.ts", import.meta.url));
const lesson = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });

describe("pnpm lesson", () => {
  it("runs a lesson's sample by number or by name", () => {
    for (const which of ["2", "02", "creating-a-thread"]) {
      const result = lesson(which);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toBe("── lesson 02-creating-a-thread ──\n");
      expect(result.stdout).toContain("main: my last line\n");
    }
  });

  it("lists the lessons, in order, for a lesson that does not exist", () => {
    const result = lesson("99");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^No lesson "99"\.\n\nusage: pnpm lesson/);
    const listed = [...result.stderr.matchAll(/^ {2}(\d+) {2}\S+$/gm)];
    const numbers = listed.map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThanOrEqual(9);
    expect(numbers).toEqual(numbers.toSorted((a, b) => a - b));
  });

  it("lists the lessons when asked for none", () => {
    const result = lesson();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/lessons:\n {2}1 {2}why-threads\n/);
  });
});
