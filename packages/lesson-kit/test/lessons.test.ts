import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  findLessons,
  lessonPath,
  parseLessonId,
  readLesson,
  resolveLesson,
  scanLessons,
} from "../src/lessons.ts";

describe("parseLessonId", () => {
  it("reads the number and slug from a folder name", () => {
    expect(parseLessonId("03-join")).toEqual({ id: "03-join", number: 3, slug: "join" });
    expect(parseLessonId("/a/b/12-many-threads")).toEqual({
      id: "12-many-threads",
      number: 12,
      slug: "many-threads",
    });
  });

  it("rejects names that are not NN-slug", () => {
    for (const name of [
      "3-join",
      "join",
      "03-",
      "03-Join",
      "03_join",
      "03-join-",
      "node_modules",
    ]) {
      expect(parseLessonId(name), name).toBeUndefined();
    }
  });
});

describe("findLessons", () => {
  const root = mkdtempSync(join(tmpdir(), "lessons-"));
  for (const name of ["10-ten", "02-two", "01-one", "notes", "node_modules"])
    mkdirSync(join(root, name));
  writeFileSync(join(root, "03-a-file"), "");

  it("lists lesson folders in course order and skips everything else", () => {
    expect(findLessons(root).map((l) => l.id)).toEqual(["01-one", "02-two", "10-ten"]);
    expect(findLessons(root)[0]!.dir).toBe(join(root, "01-one"));
  });

  it("resolves a number, a padded number, a slug or a folder name", () => {
    const lessons = findLessons(root);
    expect(resolveLesson(lessons, "2")?.id).toBe("02-two");
    expect(resolveLesson(lessons, "02")?.id).toBe("02-two");
    expect(resolveLesson(lessons, "ten")?.id).toBe("10-ten");
    expect(resolveLesson(lessons, "01-one")?.id).toBe("01-one");
    expect(resolveLesson(lessons, "4")).toBeUndefined();
    expect(resolveLesson(lessons, "nope")).toBeUndefined();
  });
});

describe("scanLessons and readLesson", () => {
  const root = mkdtempSync(join(tmpdir(), "lessons-"));
  for (const name of ["01-one", "02-two", "3-three", "notes", "node_modules"])
    mkdirSync(join(root, name));
  writeFileSync(
    join(root, "01-one", "lesson.md"),
    '---\ntitle: One\ndescription: The first.\nhighlight: [3, "5-6"]\n---\n\nProse.\n',
  );
  writeFileSync(join(root, "02-two", "lesson.md"), "---\ndescription: no title\n---\n");

  it("tells lesson folders from strays, with one folder pattern", () => {
    const { lessons, strays } = scanLessons(root);
    expect(lessons.map((l) => l.id)).toEqual(["01-one", "02-two"]);
    expect(strays).toEqual(["3-three", "notes"]);
  });

  it("reads the front matter and the prose, and names each part's path", () => {
    const [one, two] = findLessons(root);
    expect(readLesson(one!)).toMatchObject({
      id: "01-one",
      title: "One",
      description: "The first.",
      highlight: [3, "5-6"],
      prose: "\nProse.\n",
    });
    expect(lessonPath(one!, "capture")).toBe(join(root, "01-one", "capture", "run.json"));
    expect(lessonPath(one!, "exercises")).toBe(join(root, "01-one", "exercises"));
    expect(() => readLesson(two!)).toThrow(/02-two[\\/]lesson\.md: front matter needs a "title"/);
  });
});
