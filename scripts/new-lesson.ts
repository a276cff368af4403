/**
 * `pnpm new-lesson <slug> "<Title>"`: scaffolds `packages/lessons/NN-<slug>/`
 * from `templates/lesson/`, with the next free number, then runs
 * `pnpm install` so the workspace links the new package.
 *
 * All or nothing: the lesson is written into a hidden folder beside the
 * others and renamed into place only when complete; if `pnpm install` then
 * fails, the folder and `pnpm-lock.yaml` are put back as they were.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { findLessons } from "../packages/lesson-kit/src/lessons.ts";
import { root } from "./run.ts";

const USAGE = `usage: pnpm new-lesson <slug> "<Title>"

  slug   the lesson's name in its folder and URL: lowercase words joined
         by hyphens, starting with a letter, e.g. thread-pool
  Title  the page title, e.g. "A pool of threads"

Creates packages/lessons/NN-<slug>/ with the next free number.
See docs/adding-a-lesson.md.`;

/** A lesson's slug: lowercase words joined by single hyphens, starting with a letter. */
const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_SLUG = 40;
const MAX_TITLE = 80;

const lessonsDir = join(root, "packages", "lessons");
const templateDir = join(root, "templates", "lesson");
const lockfile = join(root, "pnpm-lock.yaml");

/** Thrown for bad input: printed without a stack (with the usage when asked). */
class InputError extends Error {
  readonly showUsage: boolean;
  constructor(message: string, showUsage = false) {
    super(message);
    this.showUsage = showUsage;
  }
}

/** The reason `slug` cannot be used, or `undefined` when it can. */
function slugProblem(slug: string | undefined): string | undefined {
  if (slug === undefined || slug === "") return "missing <slug>";
  if (slug.length > MAX_SLUG) return `slug "${slug}" is longer than ${MAX_SLUG} characters`;
  if (!SLUG.test(slug)) {
    return (
      `slug "${slug}" is not valid: use lowercase letters, digits and single hyphens, ` +
      "starting with a letter (e.g. thread-pool); the number is added for you"
    );
  }
  const taken = findLessons(lessonsDir).find((l) => l.slug === slug);
  if (taken) return `slug "${slug}" is taken by packages/lessons/${taken.id}/`;
  return undefined;
}

function titleProblem(title: string | undefined): string | undefined {
  if (title === undefined || title.trim() === "") return 'missing "<Title>" (quote it)';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
  if (/[\u0000-\u001f\u007f]/.test(title)) return "the title must be one line of plain text";
  if (title.trim().length > MAX_TITLE) return `the title is longer than ${MAX_TITLE} characters`;
  return undefined;
}

/** Fills the template's placeholders in one file's text. */
function fill(text: string, slug: string, title: string): string {
  return text
    .replaceAll("{{slug}}", slug)
    .replaceAll("{{title-yaml}}", JSON.stringify(title)) // a JSON string is a YAML string
    .replaceAll("{{title}}", title);
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

function create(slug: string, title: string): { id: string; number: number; dir: string } {
  const lessons = findLessons(lessonsDir);
  const number = Math.max(0, ...lessons.map((l) => l.number)) + 1;
  const id = `${String(number).padStart(2, "0")}-${slug}`;
  const dir = join(lessonsDir, id);
  if (existsSync(dir)) throw new InputError(`packages/lessons/${id}/ already exists`);

  // Hidden (a dot folder): neither pnpm, turbo nor the site reads it.
  const staging = mkdtempSync(join(lessonsDir, `.new-${slug}-`));
  try {
    cpSync(templateDir, staging, { recursive: true });
    for (const file of filesUnder(staging)) {
      const path = join(staging, file);
      writeFileSync(path, fill(readFileSync(path, "utf8"), slug, title));
    }
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { id, number, dir };
}

/** `pnpm install`, which links the new package and adds it to the lockfile. */
function install(): boolean {
  console.log("\n▶ pnpm install (links the new lesson into the workspace)");
  // Not frozen, even where CI=true makes that pnpm's default: adding the
  // package to pnpm-lock.yaml is the point.
  const result = spawnSync("pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"], {
    cwd: root,
    stdio: "inherit",
  });
  return result.status === 0;
}

function run(args: string[]): number {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const [slug, title, ...extra] = args;
  const problem =
    slugProblem(slug) ??
    titleProblem(title) ??
    (extra.length > 0 ? `unexpected argument: ${extra[0]} (quote the title)` : undefined);
  if (problem) throw new InputError(problem, slug === undefined || title === undefined);

  const lockBefore = readFileSync(lockfile, "utf8");
  const lesson = create(slug!, title!.trim());
  if (!install()) {
    rmSync(lesson.dir, { recursive: true, force: true });
    writeFileSync(lockfile, lockBefore);
    console.error(
      `\n✖ new-lesson: pnpm install failed, so nothing was added: packages/lessons/${lesson.id}/ ` +
        "was removed and pnpm-lock.yaml restored. Fix the install error above and run the command again.",
    );
    return 1;
  }

  const name = `@unravel/lesson-${slug}`;
  const runIt = `pnpm lesson ${lesson.number}`.padEnd(22);
  console.log(`
✔ Created lesson ${lesson.number}: packages/lessons/${lesson.id}/ (${name})

  src/main.ts           the sample: what the page shows and the Run button runs
  lesson.md             the prose; title and description in its front matter
  python/main.py        the Python program it ports
  test/invariants.ts    what every run must print, in any thread order
  test/lesson.test.ts   runs the sample and the Python, checks the invariants
  exercises/1-forget-the-join/
                        an exercise: the task and hints (exercise.md), start.ts,
                        solution.ts, checks.ts; pnpm test proves it

Next:
  ${runIt}run it in this terminal
  pnpm --filter ${name} test
                        test it (pnpm test runs it with everything else)
  pnpm dev              its page: http://localhost:4321/lessons/${slug}/

Then write the sample, the prose and the test: see docs/adding-a-lesson.md.
Commit: git add packages/lessons/${lesson.id} pnpm-lock.yaml`);
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  const usage = error.showUsage ? `\n\n${USAGE}` : "\n(pnpm new-lesson --help for usage)";
  console.error(`new-lesson: ${error.message}; nothing was created.${usage}`);
  process.exitCode = 2;
}
