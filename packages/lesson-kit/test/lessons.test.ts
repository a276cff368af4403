import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findLessons, parseLessonId, resolveLesson } from "../src/lessons.ts";

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
