/**
 * Step mode from the terminal, on lesson 7's real sample: cut to 2 threads
 * × 3 additions, once as it is and once with the lock removed from
 * `addSafe`. The variants are written beside the sample (as a learner's
 * `--file my-try.ts` would be, so that `@unravel/core` resolves) and
 * removed afterwards.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  exhaustive,
  judge,
  lessonChecks,
  parseStepArgs,
  runStepped,
  stepCommand,
} from "../src/explore.ts";
import { findLessons } from "../src/lessons.ts";

const lessons = findLessons(fileURLToPath(new URL("../../lessons/", import.meta.url)));
const lock = lessons.find((l) => l.slug === "lock")!;
const why = lessons.find((l) => l.slug === "why-threads")!;

const sample = readFileSync(join(lock.dir, "src/main.ts"), "utf8");
const cut = sample
  .replace("const THREADS = 4;", "const THREADS = 2;")
  .replace("const ADDS = 1_000_000;", "const ADDS = 3;");
const unlocked = cut.replace("    using _held = lock.hold(); // Python: `with lock:`\n", "");
// A thread that dies: its error reaches only stderr.
const throws = cut.replace(
  "  return value + 1;",
  '  if (value === 4) throw new RangeError("four is too many");\n  return value + 1;',
);
const files = {
  cut: join(lock.dir, `.step-test-${process.pid}-cut.ts`),
  unlocked: join(lock.dir, `.step-test-${process.pid}-unlocked.ts`),
  throws: join(lock.dir, `.step-test-${process.pid}-throws.ts`),
};
writeFileSync(files.cut, cut);
writeFileSync(files.unlocked, unlocked);
writeFileSync(files.throws, throws);
afterAll(() => {
  for (const f of Object.values(files)) rmSync(f, { force: true });
});

async function command(argv: string[], input: string[] = []) {
  const out: string[] = [];
  async function* lines() {
    yield* input;
  }
  const code = await stepCommand(lock, argv, (t) => out.push(t), lines());
  return { code, text: out.join("\n") };
}

describe("pnpm lesson N --explore / --replay / --step", () => {
  it("the variants are what they say", () => {
    expect(cut).not.toBe(sample);
    expect(unlocked).not.toBe(cut); // the lock's line was there to remove
    expect(unlocked).not.toContain("lock.hold()");
    expect(throws).toContain("four is too many");
  });

  it("reads its flags, and refuses bad ones by name", () => {
    expect(parseStepArgs(["--explore", "20", "--file", "a.ts", "--seed", "3"])).toEqual({
      explore: 20,
      file: "a.ts",
      seed: 3,
    });
    expect(parseStepArgs([])).toBeNull();
    expect(() => parseStepArgs(["--explore", "0"])).toThrow(
      "--explore needs a positive whole number",
    );
    expect(() => parseStepArgs(["--scheduler", "fair"])).toThrow(
      "--scheduler is pct, random or exhaustive",
    );
  });

  it("finds the lost update without the lock, prints its replay, and the replay fails the same way", async () => {
    const found = await command(["--explore", "60", "--file", files.unlocked, "--seed", "5"]);
    expect(found.code, found.text).toBe(1);
    expect(found.text).toContain("✗ counts every addition exactly with the lock");
    const replay = /pnpm lesson 7 --replay (\S+) --file/.exec(found.text)?.[1];
    expect(replay, found.text).toBeDefined();
    const output = found.text.slice(
      found.text.indexOf("output:"),
      found.text.indexOf("schedule ("),
    );
    for (let i = 0; i < 2; i++) {
      const again = await command(["--replay", replay!, "--file", files.unlocked]);
      expect(again.code).toBe(1);
      expect(again.text).toContain("✗ counts every addition exactly with the lock");
      expect(again.text).toContain(output.trim());
      expect(again.text).toMatch(
        /Atomics\.store Int32Array\(1\)\[0\] \d → \d {3}\.step-test-\d+-unlocked\.ts:18/,
      );
    }
  });

  it("a failed check shows the run's stderr too: a thread's error is not lost", async () => {
    const found = await command(["--explore", "1", "--file", files.throws]);
    expect(found.code, found.text).toBe(1);
    expect(found.text).toContain("✗ counts every addition exactly with the lock");
    const stderr = found.text.slice(
      found.text.indexOf("stderr:"),
      found.text.indexOf("schedule ("),
    );
    expect(stderr, found.text).toMatch(/^stderr:\n {2}/);
    expect(stderr).toContain("RangeError: four is too many");
  });

  it("with the lock, every schedule counts exactly", async () => {
    const checks = await lessonChecks(lock.dir);
    expect(checks.map((c) => c.name)).toContain("counts every addition exactly with the lock");
    const run = runStepped(lock.dir, files.cut, { scheduler: "pct", seed: 1 });
    expect(run.end).toBe("finished");
    expect(judge(run, checks)).toEqual([]);
    expect(run.lines.at(-1)).toBe("with a lock:    6 of 6");
    const explored = await command(["--explore", "8", "--file", files.cut]);
    expect(explored.text).toBe("lesson 7: 8 schedules under pct, every check held (3 checks).");
    expect(explored.code).toBe(0);
  });

  it("--step: the learner picks each thread, can undo, and sees the schedule", async () => {
    const r = await command(["--step", "--file", files.cut], ["1", "1", "", "u", "9", "q"]);
    expect(r.code).toBe(0);
    expect(r.text).toContain("[1] MainThread: start Thread Thread-1 (addUnsafe)");
    expect(r.text).toContain("(undone: back to step 3)");
    expect(r.text).toContain("thread 9 cannot take a step now");
    expect(r.text).toMatch(/schedule so far: 1\*3$/);
  });

  it("exhaustive: no schedule without preemption loses an update; one preemption finds one", async () => {
    const dir = fileURLToPath(new URL("./fixtures/05-steps/", import.meta.url));
    const checks = await lessonChecks(dir);
    const none = exhaustive(dir, "src/main.ts", checks, { preemptions: 0 });
    expect(none).toMatchObject({ runs: 3, complete: true });
    expect(none.failure).toBeUndefined();
    const one = exhaustive(dir, "src/main.ts", checks, { preemptions: 1 });
    expect(one.failure?.run.lines).toEqual(["total 2 of 4"]);
    expect(one.failure?.failed[0]?.name).toBe("the total is 4 of 4");
    expect(one.runs).toBeLessThan(30);
  });

  it("a lesson that cannot be stepped says why", async () => {
    const out: string[] = [];
    const code = await stepCommand(why, ["--explore", "3"], (t) => out.push(t));
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      /^lesson 1 does not support stepping: the work is a loop on Date\.now\(\)/,
    );
  });
});
