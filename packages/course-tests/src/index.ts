/** Every problem with the course under `root`, each prefixed with its lesson. */
import { courseChecks, lessonChecks, readCourse } from "./contract.ts";
import { checkPage } from "./site.ts";

export function checkCourse(root: string, options: { site: boolean }): string[] {
  const course = readCourse(root);
  const problems = courseChecks.flatMap((c) => c.check(course));
  for (const lesson of course.lessons) {
    const found = lessonChecks.flatMap((c) => c.check(lesson, course));
    if (options.site) found.push(...checkPage(course, lesson));
    problems.push(...found.map((p) => `${lesson.id}: ${p}`));
  }
  return problems;
}
