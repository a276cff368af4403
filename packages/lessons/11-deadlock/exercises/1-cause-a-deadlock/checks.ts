import { type LessonChecks, must } from "@unravel/lesson-kit/check";
import { checks as lesson } from "../../test/invariants.ts";

const transfers =
  "both transfers finish, and no money is made or lost";

export const checks: LessonChecks = {
  checks: {
    // A run that deadlocks is failed under this title by the runner
    // itself, with the deadlock report; a run that ends shows it here.
    "no deadlock": {
      says: "the program does not deadlock: both threads finish",
      check({ lines }) {
        for (const name of ["0→1", "1→0"])
          must(
            lines.some((l) => l.startsWith(`${name}: moved`)),
            `${name} never finished`,
          );
      },
    },
    [transfers]: lesson.checks[transfers],
  },
  outcome: lesson.outcome,
};

// Accepted when your version deadlocks on some schedule.
export const breaks = "no deadlock";
