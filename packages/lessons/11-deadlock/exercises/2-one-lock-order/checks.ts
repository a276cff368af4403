import type { LessonChecks } from "@unravel/lesson-kit/check";
import { checks as lesson } from "../../test/invariants.ts";

const transfers =
  "both transfers finish, and no money is made or lost";

// The lesson's check of the transfers; a deadlock fails "no deadlock",
// the runner's own check, with the deadlock's cycle.
export const checks: LessonChecks = {
  checks: { [transfers]: lesson.checks[transfers] },
  outcome: lesson.outcome,
};
