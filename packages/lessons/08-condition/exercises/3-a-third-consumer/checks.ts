import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const GOT = /^ {2}(c\d): got (\d+)$/;
const CONSUMERS = ["c1", "c2", "c3"];

export const checks: LessonChecks = {
  checks: {
    "runs three consumers, each stopping once after the last item":
      {
        says: "three consumers, c1, c2 and c3, each stop once, after the last item",
        check({ lines }) {
          const lastGot = lines.findLastIndex((l) => GOT.test(l));
          for (const c of CONSUMERS) {
            const stops = lines.filter(
              (l) => l === `  ${c}: stopping`,
            );
            must(
              stops.length === 1,
              stops.length === 0
                ? `there is no "  ${c}: stopping" line: is there a consumer named ${c}?`
                : `${c} stopped ${stops.length} times`,
            );
            must(
              lines.indexOf(`  ${c}: stopping`) > lastGot,
              `${c} stopped before the last item was taken`,
            );
          }
        },
      },
    "takes every item once, first in, first out": {
      says: "the items 1 to 6 are each taken once, in order",
      check({ lines }) {
        const got = lines.flatMap((l) => {
          const m = GOT.exec(l);
          return m ? [Number(m[2])] : [];
        });
        must(
          JSON.stringify(got) === "[1,2,3,4,5,6]",
          `the consumers took ${JSON.stringify(got)}`,
        );
      },
    },
    "ends with the main thread's line": {
      says: "the main thread's last line comes last",
      check({ lines }) {
        must(
          lines.at(-1) === "main: all items consumed",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};
