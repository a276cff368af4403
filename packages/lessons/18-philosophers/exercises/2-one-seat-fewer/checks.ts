import type { LessonChecks } from "@unravel/lesson-kit/check";
import { checks as lesson } from "../../test/invariants.ts";

// This program lays only the footman's table: the lesson's checks of it.
const mine = [
  "with a footman, everyone eats",
  "with a footman, neighbours never eat at once",
];
export const checks: LessonChecks = {
  checks: Object.fromEntries(
    mine.map((t) => [t, lesson.checks[t]!]),
  ),
};
