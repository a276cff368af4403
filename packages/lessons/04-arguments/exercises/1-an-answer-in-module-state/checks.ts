import { type LessonChecks, must } from "@unravel/lesson-kit/check";

export const checks: LessonChecks = {
  checks: {
    "the thread sums 1 to 8": {
      says: "the thread prints the sum of 1 to 8, 36",
      check({ lines }) {
        must(
          lines.includes("thread: the sum of 1 to 8 is 36"),
          'there is no "thread: the sum of 1 to 8 is 36" line',
        );
      },
    },
    "the main thread sees the thread's answer": {
      says: "the main thread prints the thread's answer, 36",
      check({ lines }) {
        const line = lines.find((l) =>
          l.startsWith("main: the answer is"),
        );
        must(line, 'there is no "main: the answer is …" line');
        must(
          line === "main: the answer is 36",
          `it printed "${line}": the main thread read its own copy, which the thread never wrote`,
        );
      },
    },
  },
};
