/**
 * Reads `lengths: <from the thread> (here: <computed in main>)`: the
 * thread must have measured every point, and got what main gets.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

export const checks: LessonChecks = {
  checks: {
    "the thread measures every point": {
      says: "the thread gets every point through the queue and measures it as main does",
      check({ lines }) {
        const l = lines.find((x) => x.startsWith("lengths:"));
        must(
          l,
          'there is no "lengths: …" line: did put() refuse the item?',
        );
        const m = /^lengths: (.*) \(here: (.*)\)$/.exec(l);
        must(m, `the line reads "${l}"`);
        must(m[2]!.length > 0, "there were no points");
        must(
          m[1] === m[2],
          `the thread measured ${m[1]}, main ${m[2]}`,
        );
      },
    },
  },
};
