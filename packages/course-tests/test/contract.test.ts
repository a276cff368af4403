/**
 * The lesson contract over every lesson of the course, and each lesson's
 * page on the built site (turbo builds the site before this package's test).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { courseChecks, lessonChecks, readCourse } from "../src/contract.ts";
import { checkPage } from "../src/site.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const course = readCourse(root);

describe("the course", () => {
  it("has lessons", () => {
    expect(course.lessons.length).toBeGreaterThan(0);
  });

  it.each(courseChecks)("$title", ({ check }) => {
    expect(check(course)).toEqual([]);
  });
});

describe.each(course.lessons)("lesson $id", (lesson) => {
  it.each(lessonChecks)("$title", ({ check }) => {
    expect(check(lesson, course)).toEqual([]);
  });

  it("is on the built site with its title and captured output", () => {
    expect(checkPage(course, lesson)).toEqual([]);
  });
});
