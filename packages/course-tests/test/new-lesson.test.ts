/**
 * `pnpm new-lesson`, run as an author would, in a copy of the repo: bad input
 * creates nothing; a good one gives a lesson that runs, passes its own test
 * and the contract, and has its page on the built site; `pnpm renumber` then
 * moves it and the contract still holds. So the generator cannot rot.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findLessons, lessonPath } from "@unravel/lesson-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCourse } from "../src/index.ts";
import { copyRepo, runIn } from "../src/repo.ts";

const source = fileURLToPath(new URL("../../../", import.meta.url));
const sourceLessons = findLessons(join(source, "packages", "lessons"));
/** `thread-pool`, or `thread-pool-2`, … if the course has a lesson of that name. */
const SLUG = ["", "-2", "-3", "-4"]
  .map((suffix) => `thread-pool${suffix}`)
  .find((slug) => !sourceLessons.some((l) => l.slug === slug))!;
const TITLE = "A pool of threads";
const STEP_MS = 240_000;

let root: string;
const lessonsDir = () => join(root, "packages", "lessons");
const run = (command: string, ...args: string[]) => runIn(root, command, args);
/** Runs a command that must succeed; its output is the failure message otherwise. */
function ok(command: string, ...args: string[]): string {
  const result = run(command, ...args);
  expect(result.status, result.output).toBe(0);
  return result.stdout;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "unravel-new-lesson-"));
  if (process.env.UNRAVEL_KEEP_COPY) console.log(`the copy of the repo, kept: ${root}`);
  copyRepo(source, root);
  // Captures are git-ignored; copying them spares re-running every lesson for the site build.
  for (const lesson of sourceLessons) {
    const capture = dirname(lessonPath(lesson, "capture"));
    if (existsSync(capture))
      cpSync(capture, join(lessonsDir(), lesson.id, "capture"), { recursive: true });
  }
  // From pnpm's store on this machine: no download.
  ok("pnpm", "install", "--frozen-lockfile", "--prefer-offline");
  // A site build from before the new lesson, as an author's machine has one in
  // turbo's cache: the build after it must not replay it.
  buildSite();
}, STEP_MS);

function buildSite(): void {
  ok("turbo", "run", "build", "--filter=@unravel/site", "--output-logs=errors-only");
}

afterAll(() => {
  if (root && !process.env.UNRAVEL_KEEP_COPY) rmSync(root, { recursive: true, force: true });
});

describe("pnpm new-lesson, in a copy of the repo", () => {
  let number: number;
  let folder: string;

  it(
    "refuses bad input with a clear error and creates nothing",
    () => {
      const before = readdirSync(lessonsDir()).sort();
      const lockfile = readFileSync(join(root, "pnpm-lock.yaml"), "utf8");
      const taken = findLessons(lessonsDir())[0]!.slug;
      const cases: Array<[string[], RegExp]> = [
        [[], /missing <slug>/],
        [[SLUG], /missing "<Title>"/],
        [["Thread_Pool", TITLE], /slug "Thread_Pool" is not valid/],
        [["10-threads", TITLE], /slug "10-threads" is not valid/],
        [[taken, TITLE], new RegExp(`slug "${taken}" is taken by packages/lessons/\\d+-${taken}/`)],
        [[SLUG, "two\nlines"], /one line/],
        [[SLUG, TITLE, "extra"], /unexpected argument: extra/],
      ];
      for (const [args, message] of cases) {
        const result = run("pnpm", "--silent", "new-lesson", ...args);
        expect(result.status, result.output).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).toContain("nothing was created");
      }
      expect(readdirSync(lessonsDir()).sort()).toEqual(before);
      expect(readFileSync(join(root, "pnpm-lock.yaml"), "utf8")).toBe(lockfile);
    },
    STEP_MS,
  );

  it(
    "creates the next lesson, linked into the workspace",
    () => {
      number = findLessons(lessonsDir()).length + 1;
      folder = `${String(number).padStart(2, "0")}-${SLUG}`;
      const out = ok("pnpm", "new-lesson", SLUG, TITLE);
      expect(out).toContain(`Created lesson ${number}: packages/lessons/${folder}/`);
      for (const file of ["package.json", "src/main.ts", "lesson.md", "python/main.py"]) {
        expect(existsSync(join(lessonsDir(), folder, file)), file).toBe(true);
      }
      expect(readFileSync(join(lessonsDir(), folder, "lesson.md"), "utf8")).toContain(
        `title: "${TITLE}"`,
      );
      expect(readFileSync(join(root, "pnpm-lock.yaml"), "utf8")).toContain(
        `packages/lessons/${folder}:`,
      );
      expect(existsSync(join(lessonsDir(), folder, "node_modules", "@unravel", "core"))).toBe(true);
      // What `pnpm test` starts with: the lockfile must already be up to date.
      ok("pnpm", "install", "--frozen-lockfile", "--offline");
    },
    STEP_MS,
  );

  it(
    "runs with pnpm lesson N",
    () => {
      const out = ok("pnpm", "--silent", "lesson", String(number));
      expect(out.trimEnd().split("\n").at(-1)).toBe(
        "main: joined the worker, so this line is last",
      );
    },
    STEP_MS,
  );

  it(
    "is captured, type-checked, linted and tested by the same tasks as every lesson",
    () => {
      const out = ok(
        "turbo",
        "run",
        "test",
        "typecheck",
        `--filter=@unravel/lesson-${SLUG}`,
        "--output-logs=new-only",
      );
      expect(out).toContain(`@unravel/lesson-${SLUG}:capture`);
      // The template's three invariants, on the sample and its Python twin,
      // and its exercise's two: well formed, and proven (solution yes, start no).
      expect(out).toMatch(/Tests\s+8 passed/);
      ok("biome", "ci", `packages/lessons/${folder}`);
    },
    STEP_MS,
  );

  it(
    "has its page on the built site, and the whole course keeps the contract",
    () => {
      buildSite();
      const page = join(root, "apps", "site", "dist", "lessons", SLUG, "index.html");
      expect(
        existsSync(page),
        "no page for the new lesson: if turbo replayed a cached site build, " +
          "@unravel/site#build needs the lesson folders among its inputs",
      ).toBe(true);
      expect(readFileSync(page, "utf8")).toContain(`${number}. ${TITLE}`);
      const problems = checkCourse(root, { site: true }).filter((p) => p.startsWith(folder));
      expect(problems).toEqual([]);
    },
    STEP_MS,
  );

  it(
    "moves to another place with pnpm renumber, keeping the contract",
    () => {
      // Whatever the course's own lessons owe the contract is the contract test's
      // to report; renumbering must add nothing to it.
      const before = numberless(checkCourse(root, { site: false }));
      ok("pnpm", "renumber", SLUG, "2");
      const moved = `02-${SLUG}`;
      expect(existsSync(join(lessonsDir(), moved, "lesson.md"))).toBe(true);
      expect(existsSync(join(lessonsDir(), folder))).toBe(false);
      ok("pnpm", "install", "--frozen-lockfile", "--offline");
      expect(ok("pnpm", "--silent", "lesson", "2")).toContain("worker: step 3 of 3");
      expect(numberless(checkCourse(root, { site: false }))).toEqual(before);
    },
    STEP_MS,
  );
});

/** Problems with the lesson numbers taken out of folder names, to compare across a renumbering. */
function numberless(problems: string[]): string[] {
  return problems.map((p) => p.replace(/\b\d{2,}-(?=[a-z])/g, "NN-")).sort();
}
