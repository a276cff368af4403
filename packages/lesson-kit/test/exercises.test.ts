import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { fail, type LessonChecks, must } from "../src/check.ts";
import {
  accept,
  BREAKS_DEADLOCK,
  type ExerciseRun,
  type ExerciseRunner,
  failuresOf,
} from "../src/exercise-accept.ts";
import { checkFile } from "../src/exercise-check.ts";
import {
  findExercises,
  readExercise,
  resolveExercise,
  splitHints,
  validateChecks,
} from "../src/exercises.ts";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A lesson folder with exercise folders made of `files`. */
function lessonWith(exercises: Record<string, Record<string, string>>) {
  const root = mkdtempSync(join(tmpdir(), "exercises-"));
  made.push(root);
  const dir = join(root, "07-lock");
  for (const [name, files] of Object.entries(exercises)) {
    mkdirSync(join(dir, "exercises", name), { recursive: true });
    for (const [file, text] of Object.entries(files))
      writeFileSync(join(dir, "exercises", name, file), text);
  }
  return { id: "07-lock", number: 7, slug: "lock", dir };
}

const TASK = `---
title: Lose an update
kind: break
explore: 50
---
Remove the lock.

## Hints

1. Look at the loop.
2. The lock is taken
   in the loop.
3. Delete it.
`;
const files = (task = TASK) => ({
  "exercise.md": task,
  "start.ts": "",
  "solution.ts": "",
  "checks.ts": "",
});

describe("the exercise folder", () => {
  it("reads the id, kind, explore count, task and hints", () => {
    const lesson = lessonWith({ "2-b": files(), "1-lose-an-update": files() });
    const found = findExercises(lesson);
    expect(found.map((e) => e.id)).toEqual(["7.1", "7.2"]);
    const ex = readExercise(found[0]!);
    expect(ex).toMatchObject({ title: "Lose an update", kind: "break", explore: 50 });
    expect(ex.task).toBe("Remove the lock.");
    expect(ex.hints).toEqual(["Look at the loop.", "The lock is taken in the loop.", "Delete it."]);
    expect(resolveExercise(found, "7.lose-an-update")?.id).toBe("7.1");
    expect(resolveExercise(found, "7.3")).toBeUndefined();
  });

  it("explores 200 schedules unless told", () => {
    const lesson = lessonWith({ "1-a": files(TASK.replace("explore: 50\n", "")) });
    expect(readExercise(findExercises(lesson)[0]!).explore).toBe(200);
  });

  it("names the file and the fix for each problem", () => {
    const bad = (task: string) => {
      const lesson = lessonWith({ "1-a": files(task) });
      return () => readExercise(findExercises(lesson)[0]!);
    };
    expect(bad(TASK.replace("kind: break", "kind: mend"))).toThrow(
      /exercise\.md: "kind" is one of break, fix, write, not "mend"/,
    );
    expect(bad(TASK.replace("explore: 50", "explore: lots"))).toThrow(
      /"explore" is a whole number/,
    );
    expect(bad(TASK.replace("title: Lose an update\n", ""))).toThrow(/needs a "title"/);
    expect(bad(TASK.replace("explore: 50", "explores: 50"))).toThrow(
      /unknown front matter key "explores"/,
    );
    const missing = lessonWith({ "1-a": { "exercise.md": TASK } });
    expect(() => readExercise(findExercises(missing)[0]!)).toThrow(/start\.ts is missing/);
    expect(() => findExercises(lessonWith({ "lose-an-update": files() }))).toThrow(
      /named K-slug .* not "lose-an-update"/,
    );
    expect(() => findExercises(lessonWith({ "1-a": files(), "01-b": files() }))).toThrow(
      /two exercises are number 1/,
    );
  });

  it("takes the lesson's sample as the solution for solution: sample, and no copy beside it", () => {
    const sampled = TASK.replace("kind: break\n", "kind: break\nsolution: sample\n");
    const { "solution.ts": _copy, ...noCopy } = files(sampled);
    const lesson = lessonWith({ "1-a": noCopy, "2-b": files() });
    mkdirSync(join(lesson.dir, "src"));
    writeFileSync(join(lesson.dir, "src", "main.ts"), "// the sample\n");
    const [a, b] = findExercises(lesson).map(readExercise);
    expect(a).toMatchObject({
      solutionIsSample: true,
      solutionFile: join(lesson.dir, "src", "main.ts"),
    });
    expect(b).toMatchObject({
      solutionIsSample: false,
      solutionFile: join(lesson.dir, "exercises", "2-b", "solution.ts"),
    });

    const read = (exercise: Record<string, string>, sample = true) => {
      const l = lessonWith({ "1-a": exercise });
      if (sample) {
        mkdirSync(join(l.dir, "src"));
        writeFileSync(join(l.dir, "src", "main.ts"), "");
      }
      return () => readExercise(findExercises(l)[0]!);
    };
    // A copy of the sample beside the key would drift from it: refused.
    expect(read(files(sampled))).toThrow(
      /says solution: sample, but .*solution\.ts is there too: delete solution\.ts/,
    );
    expect(read(files(TASK.replace("kind: break\n", "kind: break\nsolution: mine.ts\n")))).toThrow(
      /"solution" is only ever sample .* not "mine\.ts"/,
    );
    expect(read(noCopy, false)).toThrow(
      /says solution: sample, but the lesson has no .*src\/main\.ts/,
    );
    // Without the key, solution.ts is needed.
    const { "solution.ts": _none, ...bare } = files();
    expect(read(bare)).toThrow(
      /solution\.ts is missing: write the solution there, or say `solution: sample`/,
    );
  });

  it("splits the hints from the task, stopping at the next heading", () => {
    expect(splitHints("Do it.\n## Hints\n1. one\n2. two\n## After\n3. not a hint")).toEqual({
      task: "Do it.",
      hints: ["one", "two"],
    });
  });

  it("asks a break exercise to name a check it has, and only a break exercise", () => {
    const checks: LessonChecks = { checks: { exact: { says: "exact", check() {} } } };
    expect(() => validateChecks("c.ts", "break", { checks })).toThrow(/exports breaks/);
    expect(() => validateChecks("c.ts", "break", { checks, breaks: "exactly" })).toThrow(
      /breaks is "exactly", which is not one of its checks: "exact"/,
    );
    expect(() => validateChecks("c.ts", "fix", { checks, breaks: "exact" })).toThrow(
      /only a break exercise exports breaks/,
    );
    expect(() => validateChecks("c.ts", "fix", {})).toThrow(/exports no checks/);
    expect(validateChecks("c.ts", "break", { checks, breaks: "exact" }).breaks).toBe("exact");
  });

  it("lets a break name the run's own deadlock, and no check take the runner's titles", () => {
    const checks: LessonChecks = { checks: { exact: { says: "exact", check() {} } } };
    expect(validateChecks("c.ts", "break", { checks, breaks: BREAKS_DEADLOCK }).breaks).toBe(
      "no deadlock",
    );
    // The old way: a check of that title, which a run that merely ends short also fails.
    const posing: LessonChecks = {
      checks: { ...checks.checks, "no deadlock": checks.checks.exact! },
    };
    expect(() =>
      validateChecks("c.ts", "break", { checks: posing, breaks: "no deadlock" }),
    ).toThrow(
      /a check is titled "no deadlock", the runner's own title .* export const breaks = "no deadlock" passes only on a run that deadlocks/,
    );
    expect(() =>
      validateChecks("c.ts", "fix", {
        checks: { checks: { "the run ends": checks.checks.exact! } },
      }),
    ).toThrow(/a check is titled "the run ends"/);
  });
});

// A fake program: schedule i prints the count that `counts[i]` gives; the real run prints `real`.
const COUNTED: LessonChecks = {
  checks: {
    exact: {
      says: "the count is exactly 6",
      check({ lines }) {
        must(lines[0] === "6", `the count is ${lines[0]}`);
      },
    },
    printed: {
      says: "it prints a count",
      check({ lines }) {
        if (lines.length === 0) fail("it printed nothing");
      },
    },
  },
};
const finished = (line: string): ExerciseRun => ({ end: "finished", exitCode: 0, lines: [line] });
function fake(counts: string[], real = "6", stepped = true) {
  const seeds: number[] = [];
  const runner: ExerciseRunner = {
    real: async () => finished(real),
    ...(stepped
      ? {
          stepped: async (s) => {
            seeds.push(s.seed);
            return { ...finished(counts[s.seed - 1] ?? "6"), schedule: [1, 2, 1] };
          },
        }
      : {}),
  };
  return { runner, seeds };
}

describe("accept", () => {
  it("accepts a fix only when every schedule and the real run pass", async () => {
    const good = await accept(fake([]).runner, { kind: "fix", checks: COUNTED, explore: 5 });
    expect(good).toMatchObject({ accepted: true, explored: 5, realRun: true });
    expect(good.words[0]).toBe("passed: every check held on 5 schedules and a real run.");

    const { runner, seeds } = fake(["6", "6", "5"]);
    const bad = await accept(runner, { kind: "fix", checks: COUNTED, explore: 5 });
    expect(seeds).toEqual([1, 2, 3]); // stops at the first failing schedule
    expect(bad).toMatchObject({ accepted: false, realRun: false, decisive: { seed: 3 } });
    expect(bad.words).toEqual([
      'failed: "the count is exactly 6" on schedule 3 (PCT seed 3, 3 steps).',
      "  the count is 5",
    ]);

    const realOnly = await accept(fake([], "4").runner, {
      kind: "write",
      checks: COUNTED,
      explore: 2,
    });
    expect(realOnly.accepted).toBe(false);
    expect(realOnly.words[0]).toBe('failed: "the count is exactly 6" on a real run.');
  });

  it("accepts a break only when the named check fails, not another", async () => {
    const broke = await accept(fake(["6", "3"]).runner, {
      kind: "break",
      checks: COUNTED,
      breaks: "exact",
      explore: 10,
    });
    expect(broke).toMatchObject({ accepted: true, explored: 2, realRun: false });
    expect(broke.words[0]).toBe(
      'passed: you broke "the count is exactly 6" on schedule 2 (PCT seed 2, 3 steps).',
    );

    const crashed: ExerciseRunner = {
      real: async () => ({ end: "finished", exitCode: 1, lines: [], stderr: "TypeError: x" }),
      stepped: async () => ({ end: "deadlock", exitCode: 1, lines: [], report: "deadlock: …" }),
    };
    const other = await accept(crashed, {
      kind: "break",
      checks: COUNTED,
      breaks: "exact",
      explore: 3,
    });
    expect(other.accepted).toBe(false);
    expect(other.words[0]).toBe(
      'failed: "the count is exactly 6" held on every run tried (3 schedules and a real run); it must fail on one.',
    );
    expect(other.words[1]).toMatch(
      /failed another way: the program exits with code 0: TypeError: x/,
    );
  });

  it("accepts a break whose point is a deadlock only on a run that deadlocked", async () => {
    const deadlocked: ExerciseRun = {
      end: "deadlock",
      exitCode: 1,
      lines: [],
      report: "deadlock: …\ncycle: a → Lock#1 held by b → Lock#2 held by a",
      schedule: [1, 2],
    };
    const runs = (stepped: ExerciseRun[], real: ExerciseRun): ExerciseRunner => ({
      real: async () => real,
      stepped: async (s) => stepped[s.seed - 1] ?? finished("6"),
    });
    const options = {
      kind: "break",
      checks: COUNTED,
      breaks: BREAKS_DEADLOCK,
      explore: 3,
    } as const;

    const yes = await accept(runs([finished("6"), deadlocked], finished("6")), options);
    expect(yes).toMatchObject({ accepted: true, decisive: { on: "schedule", seed: 2 } });
    expect(yes.words).toEqual([
      'passed: you broke "the program does not deadlock" on schedule 2 (PCT seed 2, 2 steps).',
      "  deadlock: …\ncycle: a → Lock#1 held by b → Lock#2 held by a",
    ]);
    const onReal = await accept(runs([], deadlocked), options);
    expect(onReal).toMatchObject({ accepted: true, decisive: { on: "real run" } });

    // Ending short, crashing or hanging past the time limit is not a deadlock.
    const short = await accept(runs([finished("5")], finished("")), options);
    expect(short.accepted).toBe(false);
    expect(short.words[0]).toBe(
      'failed: "the program does not deadlock" held on every run tried (3 schedules and a real run); it must fail on one.',
    );
    const hung = await accept(runs([], { end: "timeout", exitCode: null, lines: [] }), options);
    expect(hung.accepted).toBe(false);
    // Nor does a check that poses as the deadlock (the page passes checks as they are).
    const posing: LessonChecks = {
      checks: { ...COUNTED.checks, "no deadlock": COUNTED.checks.exact! },
    };
    const posed = await accept(runs([finished("5")], finished("5")), {
      ...options,
      checks: posing,
    });
    expect(posed.accepted).toBe(false);
  });

  it("says when it could not explore, and stops when cancelled", async () => {
    const v = await accept(fake(["5"], "6", false).runner, {
      kind: "fix",
      checks: COUNTED,
      explore: 5,
    });
    expect(v).toMatchObject({ accepted: true, unexplored: true, explored: 0 });
    expect(v.words.at(-1)).toMatch(/not explored here/);
    let n = 0;
    const c = await accept(fake([]).runner, {
      kind: "fix",
      checks: COUNTED,
      explore: 5,
      onProgress: () => n++,
      cancelled: () => n >= 2,
    });
    expect(c).toMatchObject({ accepted: false, cancelled: true, explored: 2 });
  });

  it("turns a run's own end into a failure with a title", () => {
    expect(
      failuresOf({ end: "deadlock", exitCode: 1, lines: [], report: "cycle" }, COUNTED),
    ).toEqual([
      {
        title: "no deadlock",
        says: "the program does not deadlock",
        reason: "cycle",
        end: "deadlock",
      },
    ]);
    expect(failuresOf({ end: "timeout", exitCode: null, lines: [] }, COUNTED)[0]!.reason).toMatch(
      /did not end in time/,
    );
  });
});

// The course's own 11.1, "cause a deadlock", checked for real: step mode's
// schedules and real `node` runs of the learner's versions.
describe("exercise 11.1: a break that must deadlock", () => {
  const lesson = fileURLToPath(new URL("../../lessons/11-deadlock/", import.meta.url));
  const exercise = readExercise(
    findExercises({ id: "11-deadlock", number: 11, slug: "deadlock", dir: lesson })[0]!,
  );
  const start = readFileSync(join(exercise.dir, "start.ts"), "utf8");
  const version = (name: string, text: string) => {
    const dir = mkdtempSync(join(tmpdir(), "exercise-11-1-"));
    made.push(dir);
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("rejects the start, which never deadlocks, and a version that only ends short", async () => {
    const held = await checkFile(exercise, join(exercise.dir, "start.ts"), { explore: 2 });
    expect(held.accepted, held.words.join("\n")).toBe(false);
    expect(held.words[0]).toMatch(/^failed: "the program does not deadlock" held on every run/);
    // One thread gives up at once: "1→0" never says it moved, with no deadlock at all.
    const short = version(
      "short.ts",
      start.replace("  for (let i = 0;", "  if (from === 1) return;\n  for (let i = 0;"),
    );
    const gaveUp = await checkFile(exercise, short, { explore: 2 });
    expect(gaveUp.accepted, gaveUp.words.join("\n")).toBe(false);
    expect(gaveUp.words[1]).toMatch(/failed another way: both transfer threads finish/);
  }, 120_000);

  it("accepts a version that deadlocks, on a schedule and on a real run, with its cycle", async () => {
    const solution = await checkFile(exercise, join(exercise.dir, "solution.ts"));
    expect(solution.accepted, solution.words.join("\n")).toBe(true);
    expect(solution.decisive?.on).toBe("schedule");
    expect(solution.words.join("\n")).toMatch(
      /cycle: 0→1 → Lock#\d held by 1→0 → Lock#\d held by 0→1/,
    );
    // A deadlock every time (both hold their first lock before either takes its second): the real run's report.
    const always = version(
      "always.ts",
      start
        .replace("import {", "import {\n  Barrier,")
        .replace("  to: number,\n) {", "  to: number,\n  both: Barrier,\n) {")
        .replace(
          "    using _a = first.hold();",
          "    using _a = first.hold();\n    if (i === 0) both.wait();",
        )
        .replaceAll("0, 1],", "0, 1, both],")
        .replace("args: [accounts, a, b, 1, 0],", "args: [accounts, b, a, 1, 0, both],")
        .replace("const b = new Lock();", "const b = new Lock();\n  const both = new Barrier(2);"),
    );
    const real = await checkFile(exercise, always, { explore: 0 });
    expect(real.accepted, real.words.join("\n")).toBe(true);
    expect(real.decisive?.on).toBe("real run");
    expect(real.words[0]).toBe('passed: you broke "the program does not deadlock" on a real run.');
    expect(real.words.join("\n")).toMatch(/cycle: 0→1 → Lock#\d held by 1→0 → Lock#\d held by 0→1/);
  }, 120_000);
});
