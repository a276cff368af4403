import { type LessonChecks, must } from "@unravel/lesson-kit/check";

// A run that deadlocks fails "no deadlock", the runner's own check.
export const checks: LessonChecks = {
  checks: {
    "the waiting threads are told the barrier broke": {
      says: "a and b stop waiting for a party that never comes: each gets a broken barrier",
      check({ lines }) {
        for (const name of ["a", "b"]) {
          must(
            !lines.includes(`${name}: passed`),
            `${name} passed a barrier that only two of three reached`,
          );
          must(
            lines.includes(`${name}: broken barrier`),
            `${name} did not see the broken barrier`,
          );
        }
        must(
          lines.at(-1)?.toLowerCase() === "gate broken: true",
          `the last line is "${lines.at(-1)}", not "gate broken: true"`,
        );
      },
    },
  },
};
