import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The root `pnpm lesson N` command, run on the course's real lessons.
const script = fileURLToPath(new URL("../../../scripts/lesson.ts", import.meta.url));
const lesson = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
const sample2 = fileURLToPath(
  new URL("../../lessons/02-creating-a-thread/src/main.ts", import.meta.url),
);

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

  it("--check prints every check passed, and exits 0", () => {
    const result = lesson("2", "--check");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("Checks of lesson 02-creating-a-thread:\n");
    const verdicts = result.stdout.match(/^ {2}(passed|failed) .*$/gm) ?? [];
    expect(verdicts).toHaveLength(4);
    expect(verdicts.every((v) => v.startsWith("  passed"))).toBe(true);
  });

  it("--check --file judges a learner's version by the lesson's checks: a join before the last line fails, exit 1", () => {
    // Relative to where the command was typed (pnpm puts that in INIT_CWD).
    const dir = mkdtempSync(join(tmpdir(), "my-try-"));
    const broken = readFileSync(sample2, "utf8").replace(
      '  print("main: my last line");',
      '  t.join();\n  print("main: my last line");',
    );
    writeFileSync(join(dir, "my-try.ts"), broken);
    const result = spawnSync(process.execPath, [script, "2", "--check", "--file", "my-try.ts"], {
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: dir },
    });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(
      /^ {2}failed {2}the main thread prints its last line without waiting for the thread: the main thread waited in join\(\) before "main: my last line"$/m,
    );
    expect(result.stderr).toContain("── lesson 02-creating-a-thread, my-try.ts ──");
  });

  it("--runs N prints the outcomes of N runs and each check's failures", () => {
    const result = lesson("2", "--runs", "3");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Outcomes of 3 runs of lesson 02-creating-a-thread:\n/);
    const counts = [...result.stdout.matchAll(/^ {2}(\d)× {2}the thread's line came after/gm)];
    expect(counts.reduce((n, m) => n + Number(m[1]), 0)).toBe(3);
    expect(result.stdout).toMatch(/Checks:\n( {2}passed .*\n){4}$/);
  });

  it("refuses a bad --runs with the range it takes", () => {
    const result = lesson("2", "--runs", "0");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--runs needs a whole number from 1 to 1000, not 0\./);
  });

  it("reads every flag with one parser, step mode's too, and names the one it refuses", () => {
    const refused = (args: string[], problem: RegExp) => {
      const result = lesson(...args);
      expect(result.status, `${args.join(" ")}: ${result.stdout}${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(problem);
      expect(result.stderr).toMatch(/\nusage: pnpm lesson <number or name>/);
    };
    refused(["2", "--bogus"], /^Unknown option --bogus\.\n/);
    // Step mode's flags used to be read apart, and skipped what they did not know.
    refused(["7", "--explore", "3", "--bogus"], /^Unknown option --bogus\.\n/);
    refused(["2", "--runs"], /^--runs needs a value\.\n/);
    refused(
      ["2", "--runs", "-3"],
      /^--runs needs a value \(for one that starts with "-", write --runs=<value>\)\.\n/,
    );
    refused(["2", "--check=yes"], /^--check takes no value\.\n/);
    refused(["2", "3"], /^One lesson at a time: "2" and "3"\.\n/);
    refused(["7", "--explore", "0"], /^--explore needs a positive whole number, got 0\.\n/);
    refused(
      ["7", "--explore", "2", "--scheduler", "fair"],
      /^--scheduler is pct, random or exhaustive, got fair\.\n/,
    );
    refused(["7", "--seed", "3"], /^--seed goes with --explore N\.\n/);
    refused(
      ["7", "--runs", "3", "--explore", "2"],
      /^--runs N repeats real runs; .* choose one\.\n/,
    );
    // The lesson may come after the flags; step mode is reached (lesson 7 says why it does not step at full counts).
    const stepped = lesson("--explore", "3", "7");
    expect(stepped.status, stepped.stderr).toBe(0);
    expect(stepped.stdout).toMatch(/^lesson 7 does not support stepping: not at its full counts/);
  });
});
