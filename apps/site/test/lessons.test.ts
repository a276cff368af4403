import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listLessons, readCapture } from "../src/lib/lessons.ts";

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A lessons folder with the given lesson folders, each with a lesson.md. */
function lessonsDir(folders: Record<string, string | null>): string {
  const root = mkdtempSync(path.join(tmpdir(), "unravel-site-lessons-"));
  dirs.push(root);
  for (const [name, md] of Object.entries(folders)) {
    mkdirSync(path.join(root, name), { recursive: true });
    if (md !== null) writeFileSync(path.join(root, name, "lesson.md"), md);
  }
  return root;
}

const md = (title: string) =>
  `---\ntitle: ${title}\ndescription: About ${title}.\nhighlight: [3, "5-6"]\n---\n\nProse.\n`;

describe("listLessons", () => {
  it("orders lessons by the number in the folder name, and takes the slug from it", () => {
    const root = lessonsDir({
      "10-ten": md("Ten"),
      "02-two": md("Two"),
      "01-one": md("One"),
      notes: null,
    });
    const lessons = listLessons(root);
    expect(lessons.map((l) => [l.number, l.slug, l.title, l.href])).toEqual([
      [1, "one", "One", "/lessons/one/"],
      [2, "two", "Two", "/lessons/two/"],
      [10, "ten", "Ten", "/lessons/ten/"],
    ]);
    expect(lessons[0]).toMatchObject({ description: "About One.", highlight: [3, "5-6"] });
  });

  it("names the file when a lesson has no lesson.md or no title", () => {
    expect(() => listLessons(lessonsDir({ "01-one": null }))).toThrow(
      /01-one[\\/]lesson\.md is missing/,
    );
    expect(() => listLessons(lessonsDir({ "01-one": "---\ndescription: x\n---\n" }))).toThrow(
      /needs a "title"/,
    );
  });

  it("refuses two lessons with one number", () => {
    expect(() => listLessons(lessonsDir({ "01-one": md("One"), "01-uno": md("Uno") }))).toThrow(
      /Two lessons share number 1: 01-one and 01-uno/,
    );
  });

  it("has no lessons when the folder does not exist", () => {
    expect(listLessons(path.join(tmpdir(), "no-such-unravel-dir"))).toEqual([]);
  });
});

describe("readCapture", () => {
  it("fails with the command to run when the capture is missing", () => {
    const [lesson] = listLessons(lessonsDir({ "01-one": md("One") }));
    expect(() => readCapture(lesson!)).toThrow(
      /01-one has no captured output[\s\S]*pnpm turbo run capture/,
    );
  });

  it("reads a capture and checks its shape", () => {
    const root = lessonsDir({ "01-one": md("One") });
    const [lesson] = listLessons(root);
    mkdirSync(path.join(root, "01-one", "capture"));
    const file = path.join(root, "01-one", "capture", "run.json");
    writeFileSync(
      file,
      JSON.stringify({ lesson: "01-one", typescript: { lines: "nope", exitCode: 0 } }),
    );
    expect(() => readCapture(lesson!)).toThrow(/"typescript.lines" is not an array/);
    const run = { command: "node src/main.ts", exitCode: 0, durationMs: 1, lines: [] };
    writeFileSync(file, JSON.stringify({ lesson: "01-one", capturedAt: "", typescript: run }));
    expect(readCapture(lesson!).typescript.command).toBe("node src/main.ts");
  });
});
