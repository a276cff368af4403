import type { LessonChecks } from "@unravel/lesson-kit/check";
import { checks as lesson } from "../../test/invariants.ts";

// This program has the two-state lock only: the lesson's checks of it.
const mine = [
  "the two-state lock counts every addition",
  "the two-state lock calls notify at every release",
];
export const checks: LessonChecks = {
  checks: Object.fromEntries(
    mine.map((t) => [t, lesson.checks[t]!]),
  ),
};
