import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// The root `pnpm exercise` command, on the course's real exercise 7.1, with
// the learner's files in a temporary folder.
const script = fileURLToPath(new URL("../../../scripts/exercise.ts", import.meta.url));
const exercise71 = fileURLToPath(
  new URL("../../lessons/07-lock/exercises/1-lose-an-update/", import.meta.url),
);
const made: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function workDir() {
  const dir = mkdtempSync(join(tmpdir(), "my-exercises-"));
  made.push(dir);
  return dir;
}
const run = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], {
    encoding: "utf8",
    env: { ...process.env, UNRAVEL_EXERCISES_DIR: dir },
  });

describe("pnpm exercise", () => {
  it("lists every exercise with its state, and the next to do", () => {
    const result = run(workDir());
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Exercises: 0 of \d+ done/);
    expect(result.stdout).toMatch(/^ {4}to do {4}7\.1 {3}break {2}Lose an update on purpose$/m);
    expect(result.stdout).toMatch(/Next: pnpm exercise \d+\.\d+/);
  });

  it("names the exercise it cannot find, and lists them", () => {
    const result = run(workDir(), "7.9");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No exercise "7\.9": an id is <lesson>\.<number>, e\.g\. 7\.1/);
    expect(result.stdout).toContain("7.1");
  });

  it("--hint gives the next hint each time, up to the last", () => {
    const dir = workDir();
    const hints = [1, 2, 3, 4].map(() => run(dir, "7.1", "--hint").stdout);
    expect(hints[0]).toMatch(/^hint 1 of 3 for 7\.1/);
    expect(hints[1]).toMatch(/^hint 2 of 3/);
    expect(hints[2]).toMatch(/^hint 3 of 3[\s\S]*that was the last hint/);
    expect(hints[3]).toMatch(/^hint 3 of 3/);
    const progress = JSON.parse(readFileSync(join(dir, "progress.json"), "utf8"));
    expect(progress.exercises["7.1"].hints).toBe(3);
  });

  it("copies the starting code the first time, checks the learner's file, and records it done", () => {
    const dir = workDir();
    const mine = join(dir, "7.1-lose-an-update.ts");
    // The learner's version: the solution, already in place.
    copyFileSync(join(exercise71, "solution.ts"), mine);
    const result = run(dir, "7.1");
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /✓ passed: you broke "the count is exactly the number of additions" on schedule \d+ \(PCT seed \d+, \d+ steps\)\./,
    );
    expect(result.stdout).toMatch(
      /replay it, step by step:\n {2}pnpm exercise 7\.1 --replay [\d*,]+\n/,
    );
    expect(readFileSync(mine, "utf8")).toBe(readFileSync(join(exercise71, "solution.ts"), "utf8"));
    expect(run(dir).stdout).toMatch(/^ {2}✓ done {5}7\.1 /m);

    // The replay it printed runs the same schedule, and loses the same updates.
    const replay = /--replay (\S+)/.exec(result.stdout)![1]!;
    const replayed = run(dir, "7.1", "--replay", replay);
    expect(replayed.stdout).toContain("✗ the count is exactly the number of additions");
    expect(replayed.stdout).toContain("(the check to break)");

    // A new learner: --hint copies nothing; the first check copies the starting code in.
    const fresh = workDir();
    expect(run(fresh, "7.1", "--hint").status).toBe(0);
    expect(() => readFileSync(join(fresh, "7.1-lose-an-update.ts"))).toThrow();
    expect(run(fresh, "7.1", "--replay", "1").stdout).toContain("── exercise 7.1: ");
    expect(readFileSync(join(fresh, "7.1-lose-an-update.ts"), "utf8")).toBe(
      readFileSync(join(exercise71, "start.ts"), "utf8"),
    );
  });

  it("--watch checks again within a second of a save", async () => {
    const dir = workDir();
    const mine = join(dir, "7.1-lose-an-update.ts");
    copyFileSync(join(exercise71, "solution.ts"), mine);
    const child = spawn(process.execPath, [script, "7.1", "--watch"], {
      env: { ...process.env, UNRAVEL_EXERCISES_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    const seen: { text: string; at: number }[] = [];
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      seen.push({ text: out, at: performance.now() });
    });
    const until = (pattern: RegExp, from = 0) =>
      new Promise<number>((resolve, reject) => {
        const timer = setInterval(() => {
          const hit = seen.find((s) => s.at >= from && pattern.test(s.text.slice(textAt(from))));
          if (hit) {
            clearInterval(timer);
            resolve(hit.at);
          } else if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`exited: ${out}`));
          }
        }, 10);
      });
    const textAt = (from: number) => seen.findLast((s) => s.at < from)?.text.length ?? 0;

    await until(/watching .*7\.1-lose-an-update\.ts for changes/);
    expect(out).toContain("✓ passed: you broke");
    const saved = performance.now();
    writeFileSync(mine, `${readFileSync(mine, "utf8")}// saved again\n`);
    const rechecked = await until(/── \d\d:\d\d:\d\d exercise 7\.1 ──\nchecking /, saved);
    expect(rechecked - saved).toBeLessThan(1000);
    await until(/✓ passed: you broke[\s\S]*watching/, saved);
  }, 120_000);

  it("--watch drops a check that a save made stale, and checks the new version", async () => {
    const dir = workDir();
    const mine = join(dir, "7.1-lose-an-update.ts");
    copyFileSync(join(exercise71, "start.ts"), mine); // holds on every schedule: a long check
    const child = spawn(process.execPath, [script, "7.1", "--watch"], {
      env: { ...process.env, UNRAVEL_EXERCISES_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    const until = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (pattern.test(out)) {
            clearInterval(timer);
            resolve();
          } else if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`exited: ${out}`));
          }
        }, 10);
      });
    await until(/checking .*: up to 100 schedules/);
    const saved = performance.now();
    copyFileSync(join(exercise71, "solution.ts"), mine);
    await until(/exercise 7\.1 ──\nchecking [\s\S]*exercise 7\.1 ──\nchecking /);
    // One run in progress finishes first (a second or so on a busy machine), then the new check starts.
    expect(performance.now() - saved).toBeLessThan(10_000);
    await until(/✓ passed: you broke/);
    // The stale check said nothing: no verdict on the starting code.
    expect(out).not.toContain("held on every run tried");
  }, 120_000);
});
