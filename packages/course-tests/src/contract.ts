/**
 * The lesson contract (docs/ARCHITECTURE.md, "The lesson contract"), as
 * checks that return problems: an empty list means the contract holds. Each
 * problem names the file and says what to do. The tests bind these checks to
 * the real course and to a generated lesson in a copy of the repo.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LESSON_FILES, type LessonFolder, readFrontMatter, scanLessons } from "@unravel/lesson-kit";

export interface Course {
  root: string;
  lessonsDir: string;
  lessons: LessonFolder[];
  /** Folders in packages/lessons/ that are not `NN-slug`. */
  strays: string[];
}

export function readCourse(root: string): Course {
  const lessonsDir = join(root, "packages", "lessons");
  return { root, lessonsDir, ...scanLessons(lessonsDir) };
}

export const REQUIRED_FILES = [
  "package.json",
  "tsconfig.json",
  LESSON_FILES.sample,
  LESSON_FILES.prose,
  LESSON_FILES.test,
];
/** The front matter keys the site reads; a key not listed here is most likely a typo. */
export const FRONT_MATTER_KEYS = ["title", "description", "highlight", "python", "stepping"];
/** How a lesson without a Python twin says why: `python: none — <why>`. */
export const NO_PYTHON = /^none\s*[—–-]+\s*(\S.{9,})$/;
const MARKERS = ["sample", "output", "timeline", "python", "demo"];

const read = (lesson: LessonFolder, file: string): string | undefined => {
  const path = join(lesson.dir, file);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
};

function frontMatter(lesson: LessonFolder) {
  return readFrontMatter(read(lesson, "lesson.md") ?? "");
}

export interface LessonCheck {
  /** What the check asks of a lesson, as a test title. */
  title: string;
  check(lesson: LessonFolder, course: Course): string[];
}

export const lessonChecks: LessonCheck[] = [
  {
    title: "has every file a lesson needs",
    check: (lesson) =>
      REQUIRED_FILES.filter((f) => !existsSync(join(lesson.dir, f))).map(
        (f) => `${f} is missing (templates/lesson/${f} shows what goes in it)`,
      ),
  },
  {
    title: "has a title and a description in its front matter",
    check: (lesson) => {
      if (read(lesson, "lesson.md") === undefined) return [];
      const { data, problems } = frontMatter(lesson);
      for (const key of ["title", "description"]) {
        const value = data[key];
        if (typeof value !== "string" || value.trim() === "") {
          problems.push(`lesson.md: the front matter needs a "${key}"`);
        }
      }
      for (const key of Object.keys(data)) {
        if (!FRONT_MATTER_KEYS.includes(key)) {
          problems.push(
            `lesson.md: unknown front matter key "${key}" (known: ${FRONT_MATTER_KEYS.join(", ")})`,
          );
        }
      }
      return problems;
    },
  },
  {
    title: "marks only lines its sample has",
    check: (lesson) => {
      const { highlight } = frontMatter(lesson).data;
      const sample = read(lesson, "src/main.ts");
      if (highlight === undefined || sample === undefined) return [];
      const count = sample.trimEnd().split("\n").length;
      if (!Array.isArray(highlight))
        return ['lesson.md: "highlight" must be a list, e.g. [5, "8-10"]'];
      return highlight.flatMap((item) => {
        const range = /^(\d+)(?:-(\d+))?$/.exec(String(item));
        const [from, to] = range ? [Number(range[1]), Number(range[2] ?? range[1])] : [0, 0];
        return range && from >= 1 && from <= to && to <= count
          ? []
          : [
              `lesson.md: highlight ${JSON.stringify(item)} is not a line range of src/main.ts (1-${count})`,
            ];
      });
    },
  },
  {
    title: "places each generated part at most once",
    check: (lesson) => {
      const body = frontMatter(lesson).body;
      return MARKERS.flatMap((m) => {
        const n = body.split("\n").filter((l) => l.trim() === `<!-- ${m} -->`).length;
        return n > 1 ? [`lesson.md: the <!-- ${m} --> marker appears ${n} times`] : [];
      });
    },
  },
  {
    title: "is a workspace package named after its slug, with the lesson scripts",
    check: (lesson) => {
      const text = read(lesson, "package.json");
      if (text === undefined) return [];
      const pkg = JSON.parse(text);
      const want = `@unravel/lesson-${lesson.slug}`;
      const problems: string[] = [];
      if (pkg.name !== want) problems.push(`package.json: name is "${pkg.name}", not "${want}"`);
      if (pkg.private !== true) problems.push('package.json: needs "private": true');
      if (pkg.type !== "module") problems.push('package.json: needs "type": "module"');
      const scripts = pkg.scripts ?? {};
      if (scripts.start !== "node src/main.ts") {
        problems.push('package.json: the "start" script must be "node src/main.ts"');
      }
      for (const step of ["unravel-lesson capture", "unravel-lesson bundle"]) {
        if (!String(scripts.capture ?? "").includes(step)) {
          problems.push(`package.json: the "capture" script must run ${step}`);
        }
      }
      for (const name of ["test", "typecheck"]) {
        if (!scripts[name]) problems.push(`package.json: needs a "${name}" script`);
      }
      for (const dep of ["@unravel/core", "@unravel/lesson-kit"]) {
        if (pkg.dependencies?.[dep] !== "workspace:*") {
          problems.push(`package.json: needs "${dep}": "workspace:*" in dependencies`);
        }
      }
      return problems;
    },
  },
  {
    title: "has a sample that runs on @unravel/core",
    check: (lesson) => {
      const sample = read(lesson, "src/main.ts");
      if (sample === undefined) return [];
      const problems: string[] = [];
      if (!/from\s+"@unravel\/core"/.test(sample)) {
        problems.push('src/main.ts: the sample must import from "@unravel/core"');
      }
      if (!/\bmain\(\s*import\.meta\b/.test(sample)) {
        problems.push("src/main.ts: the program must run inside main(import.meta, () => { … })");
      }
      return problems;
    },
  },
  {
    title: "has a test that runs its entry (and its Python twin)",
    check: (lesson) => {
      const test = read(lesson, "test/lesson.test.ts");
      if (test === undefined) return [];
      const problems: string[] = [];
      const usesKit = /from\s+"@unravel\/lesson-kit(\/test)?"/.test(test);
      // describeLesson (lesson-kit/test) runs both; so does describe.each(programs).
      const runsBoth = usesKit && /\bprograms\b|\bdescribeLesson\(/.test(test);
      if (!runsBoth && !(usesKit && /\brunLesson\(/.test(test))) {
        problems.push(
          "test/lesson.test.ts: must run the real entry with @unravel/lesson-kit " +
            "(describeLesson, describe.each(programs) or runLesson(dir))",
        );
      }
      if (
        existsSync(join(lesson.dir, "python/main.py")) &&
        !runsBoth &&
        !/\brunPython\(/.test(test)
      ) {
        problems.push(
          "test/lesson.test.ts: must run the Python twin too (describe.each(programs) or runPython(dir))",
        );
      }
      return problems;
    },
  },
  {
    title: "has a Python twin, or says in its front matter why not",
    check: (lesson) => {
      const hasTwin = existsSync(join(lesson.dir, "python/main.py"));
      const { python } = frontMatter(lesson).data;
      if (python === undefined) {
        return hasTwin
          ? []
          : [
              "python/main.py is missing: add the Python it ports, or say why in lesson.md: python: none — <why>",
            ];
      }
      if (hasTwin) return ['lesson.md says "python: none" but python/main.py exists: keep one'];
      return typeof python === "string" && NO_PYTHON.test(python)
        ? []
        : [`lesson.md: "python: ${python}" must read python: none — <why, in a few words>`];
    },
  },
  {
    title: "names its number nowhere but its folder",
    check: (lesson, course) => {
      const numberOf = new Map(course.lessons.map((l) => [l.slug, l.id]));
      const problems: string[] = [];
      for (const file of authoredFiles(lesson.dir)) {
        const text = readFileSync(join(lesson.dir, file), "utf8");
        for (const [id, , slug] of text.matchAll(/\b(\d{2,})-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\b/g)) {
          const current = numberOf.get(slug!);
          if (current !== undefined && current !== id) {
            problems.push(
              `${file}: names "${id}", but that lesson is ${current} (pnpm renumber updates these)`,
            );
          }
        }
        if (file === "lesson.md") {
          for (const [said] of text.matchAll(/\blessons? \d+\b/gi)) {
            problems.push(
              `lesson.md: says "${said}"; numbers change when lessons move, so name the lesson instead`,
            );
          }
        }
      }
      return problems;
    },
  },
  {
    title: "has a capture, if any, made in this folder",
    check: (lesson) => {
      const text = read(lesson, "capture/run.json");
      if (text === undefined) return [];
      const made = JSON.parse(text).lesson;
      return made === lesson.id
        ? []
        : [`capture/run.json was made as "${made}": run pnpm turbo run capture --force`];
    },
  },
];

/** A lesson's authored text files, relative to its folder (no installs, no captures). */
export function authoredFiles(dir: string, sub = ""): string[] {
  const files: string[] = [];
  const entries = readdirSync(join(dir, sub), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (["node_modules", "capture", "dist"].includes(entry.name) || entry.name.startsWith("."))
      continue;
    if (entry.isDirectory()) files.push(...authoredFiles(dir, rel));
    else if (/\.(ts|md|py|json)$/.test(entry.name)) files.push(rel);
  }
  return files;
}

export interface CourseCheck {
  title: string;
  check(course: Course): string[];
}

export const courseChecks: CourseCheck[] = [
  {
    title: "holds only lesson folders in packages/lessons",
    check: (course) =>
      course.strays.map(
        (name) =>
          `packages/lessons/${name}/ is not a lesson folder: name it NN-slug (pnpm new-lesson does) or move it out`,
      ),
  },
  {
    title: "numbers its lessons 1, 2, 3, … with no gaps or repeats",
    check: (course) =>
      course.lessons.flatMap((lesson, i) => {
        const want = `${String(i + 1).padStart(2, "0")}-${lesson.slug}`;
        return lesson.id === want
          ? []
          : [`packages/lessons/${lesson.id}/ should be ${want}: run pnpm renumber to close gaps`];
      }),
  },
  {
    title: "gives each lesson its own slug",
    check: (course) => {
      const seen = new Map<string, string>();
      return course.lessons.flatMap((lesson) => {
        const other = seen.get(lesson.slug);
        seen.set(lesson.slug, lesson.id);
        return other ? [`${other} and ${lesson.id} share the slug "${lesson.slug}"`] : [];
      });
    },
  },
];
