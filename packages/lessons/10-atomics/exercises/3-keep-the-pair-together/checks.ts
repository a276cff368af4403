import { type LessonChecks, must } from "@unravel/lesson-kit/check";
import { checks as lesson } from "../../test/invariants.ts";

// The lesson's checks, and one more: the audit never catches a sale
// half done, on any schedule.
export const checks: LessonChecks = {
  checks: {
    ...lesson.checks,
    "no audit sees a sale half done": {
      says: "every audit sees left + sold add up to all the tickets",
      check({ lines }) {
        const line =
          lines.find((l) => l.startsWith("  audits")) ?? "";
        const m = /: (\d+) of (\d+)$/.exec(line);
        must(m, 'there is no "audits that saw …: N of M" line');
        must(
          m[1] === "0",
          `${m[1]} of ${m[2]} audits saw left + sold off: between a sale's two changes, another thread looked`,
        );
      },
    },
  },
  outcome: lesson.outcome,
};
