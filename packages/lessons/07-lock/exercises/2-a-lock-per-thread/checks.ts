import { type LessonChecks, must } from "@unravel/lesson-kit/check";

/** Reads `count: <count> of <total>`. */
function counted(lines: string[]) {
  const m = /^count: (\d+) of (\d+)$/.exec(
    lines.find((l) => l.startsWith("count:")) ?? "",
  );
  must(m, 'there is no "count: <count> of <total>" line');
  return { count: Number(m[1]), total: Number(m[2]) };
}

export const checks: LessonChecks = {
  checks: {
    "counts every addition": {
      says: "the count is exactly the number of additions",
      check({ lines }) {
        const { count, total } = counted(lines);
        must(
          total > 0,
          "the total is 0: there was nothing to count",
        );
        must(
          count === total,
          `the count is ${count} of ${total}: ${total - count} additions were lost`,
        );
      },
    },
    "never counts more than it added": {
      says: "the count is never more than the additions made",
      check({ lines }) {
        const { count, total } = counted(lines);
        must(
          count <= total,
          `the count ${count} is more than the ${total} additions`,
        );
      },
    },
  },
};
