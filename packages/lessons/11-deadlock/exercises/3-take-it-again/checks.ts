import type { LessonChecks } from "@unravel/lesson-kit/check";
import { checks as lesson } from "../../test/invariants.ts";

const payday =
  "the RLock is taken again by the thread that holds it";

// The lesson's check of payday; a deadlock fails "no deadlock", the
// runner's own check.
export const checks: LessonChecks = {
  checks: { [payday]: lesson.checks[payday] },
};
