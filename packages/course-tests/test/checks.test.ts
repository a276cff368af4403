/**
 * The contract's checks on a small course made from the lesson template, one
 * defect at a time: each check reports what it is for, and a sound course
 * passes them all.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readFrontMatter } from "@unravel/lesson-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkCourse } from "../src/index.ts";

const template = fileURLToPath(new URL("../../../templates/lesson/", import.meta.url));
let root: string;
const lesson = (id: string, file = "") => join(root, "packages", "lessons", id, file);
const edit = (id: string, file: string, change: (text: string) => string) =>
  writeFileSync(lesson(id, file), change(readFileSync(lesson(id, file), "utf8")));

/** A lesson as `pnpm new-lesson` makes it, with a page on a fake built site. */
function addLesson(id: string, title: string) {
  const slug = id.replace(/^\d+-/, "");
  cpSync(template, lesson(id), { recursive: true });
  edit(id, "package.json", (t) => t.replaceAll("{{slug}}", slug));
  edit(id, "lesson.md", (t) => t.replaceAll("{{title-yaml}}", JSON.stringify(title)));
  const page = join(root, "apps", "site", "dist", "lessons", slug);
  mkdirSync(page, { recursive: true });
  writeFileSync(join(page, "index.html"), `<h1>1. ${title.replaceAll("'", "&#39;")}</h1>`);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "unravel-checks-"));
  addLesson("01-alpha", "Alpha");
  addLesson("02-beta", "Beta's lesson");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const problems = () => checkCourse(root, { site: true });

describe("the contract checks", () => {
  it("pass a course made from the template", () => {
    expect(problems()).toEqual([]);
  });

  it("report a gap in the numbers and a folder that is not NN-slug", () => {
    renameSync(lesson("02-beta"), lesson("03-beta"));
    mkdirSync(lesson("gamma"));
    expect(problems()).toEqual([
      expect.stringMatching(/packages\/lessons\/gamma\/ is not a lesson folder/),
      expect.stringMatching(/03-beta\/ should be 02-beta: run pnpm renumber/),
    ]);
  });

  it("report a missing file, front matter key and script", () => {
    rmSync(lesson("01-alpha", "tsconfig.json"));
    edit("01-alpha", "lesson.md", (t) => t.replace(/^description:.*\n/m, "titel: Alpha\n"));
    edit("01-alpha", "package.json", (t) =>
      t.replace('"start": "node src/main.ts"', '"start": "x"'),
    );
    expect(problems()).toEqual([
      "01-alpha: tsconfig.json is missing (templates/lesson/tsconfig.json shows what goes in it)",
      '01-alpha: lesson.md: the front matter needs a "description"',
      '01-alpha: lesson.md: unknown front matter key "titel" (known: title, description, highlight, python, stepping)',
      '01-alpha: package.json: the "start" script must be "node src/main.ts"',
    ]);
  });

  it("report a missing Python twin unless the front matter says why", () => {
    rmSync(lesson("01-alpha", "python"), { recursive: true });
    expect(problems()).toEqual([expect.stringMatching(/^01-alpha: python\/main.py is missing/)]);
    edit("01-alpha", "lesson.md", (t) =>
      t.replace("title:", "python: none — the browser has no threading module\ntitle:"),
    );
    expect(problems()).toEqual([]);
    edit("01-alpha", "lesson.md", (t) => t.replace(/python: .*/, "python: none"));
    expect(problems()).toEqual([expect.stringMatching(/must read python: none — <why/)]);
  });

  it("report a test that does not run the entry", () => {
    edit("02-beta", "test/lesson.test.ts", (t) =>
      t.replaceAll("describeLesson(", "describeSomething("),
    );
    expect(problems()).toEqual([
      expect.stringMatching(/^02-beta: test\/lesson.test.ts: must run the real entry/),
      expect.stringMatching(/^02-beta: test\/lesson.test.ts: must run the Python twin too/),
    ]);
  });

  it("report a number named outside the folder name", () => {
    edit("02-beta", "test/lesson.test.ts", (t) => `${t}// as in 03-beta\n`);
    edit("02-beta", "lesson.md", (t) => `${t}\nAs lesson 1 showed, and 01-alpha too.\n`);
    expect(problems()).toEqual([
      '02-beta: lesson.md: says "lesson 1"; numbers change when lessons move, so name the lesson instead',
      '02-beta: test/lesson.test.ts: names "03-beta", but that lesson is 02-beta (pnpm renumber updates these)',
    ]);
  });

  it("report a highlight outside the sample and a stale capture", () => {
    edit("01-alpha", "lesson.md", (t) => t.replace(/^highlight:.*$/m, 'highlight: [3, "15-99"]'));
    mkdirSync(lesson("01-alpha", "capture"));
    writeFileSync(
      lesson("01-alpha", "capture/run.json"),
      JSON.stringify({ lesson: "07-alpha", typescript: { lines: [] } }),
    );
    expect(problems()).toEqual([
      expect.stringMatching(/^01-alpha: lesson.md: highlight "15-99" is not a line range/),
      expect.stringMatching(/^01-alpha: capture\/run.json was made as "07-alpha"/),
    ]);
  });

  it("report a lesson missing from the site, or shown without its output", () => {
    rmSync(join(root, "apps", "site", "dist", "lessons", "beta"), { recursive: true });
    mkdirSync(lesson("01-alpha", "capture"));
    writeFileSync(
      lesson("01-alpha", "capture/run.json"),
      JSON.stringify({
        lesson: "01-alpha",
        typescript: { lines: [{ stream: "stdout", text: "main: started", t: 1 }] },
      }),
    );
    expect(problems()).toEqual([
      expect.stringMatching(/^01-alpha: the page does not show the captured output/),
      expect.stringMatching(/^02-beta: no page at apps\/site\/dist\/lessons\/beta\/index.html/),
    ]);
  });
});

describe("readFrontMatter", () => {
  it("reads strings, quoted strings and lists, and reports what it cannot read", () => {
    const { data, problems } = readFrontMatter(
      '---\ntitle: "A \\"quoted\\" title"\nhighlight: [5, "8-10"]\ndescription: >\n  folded\n---\nbody',
    );
    expect(data).toEqual({ title: 'A "quoted" title', highlight: [5, "8-10"] });
    expect(problems).toEqual([
      'lesson.md line 4: cannot read "description: >" — write each key on one line as key: value',
      'lesson.md line 5: cannot read "  folded" — write each key on one line as key: value',
    ]);
  });
});
