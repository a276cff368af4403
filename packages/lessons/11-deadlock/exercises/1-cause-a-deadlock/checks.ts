import type { LessonChecks } from "@unravel/lesson-kit/check";
import { checks as lesson } from "../../test/invariants.ts";

const transfers =
  "both transfers finish, and no money is made or lost";

export const checks: LessonChecks = {
  checks: { [transfers]: lesson.checks[transfers] },
  outcome: lesson.outcome,
};

// The run's own check: accepted only when your version deadlocks (on some
// schedule, or for real), reported with who waits for whom. A version that
// just ends short, or crashes, is not a deadlock.
export const breaks = "no deadlock";
