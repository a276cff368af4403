import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const GOT = /^ {2}(c\d): got (\d+)$/;

export const checks: LessonChecks = {
  checks: {
    "stops each consumer once, after the last item": {
      says: "each consumer stops once, after the last item, then main ends",
      check({ lines }) {
        const lastGot = lines.findLastIndex((l) => GOT.test(l));
        for (const c of ["c1", "c2"]) {
          const stops = lines.filter(
            (l) => l === `  ${c}: stopping`,
          );
          must(
            stops.length === 1,
            `${c} stopped ${stops.length} times`,
          );
          must(
            lines.indexOf(`  ${c}: stopping`) > lastGot,
            `${c} stopped before the last item was taken`,
          );
        }
        must(
          lines.at(-1) === "main: all items consumed",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
    "takes every item once, first in, first out": {
      says: "the items 1 to 4 are each taken once, in order",
      check({ lines }) {
        const got = lines.flatMap((l) => {
          const m = GOT.exec(l);
          return m ? [Number(m[2])] : [];
        });
        must(
          JSON.stringify(got) === "[1,2,3,4]",
          `the consumers took ${JSON.stringify(got)}`,
        );
      },
    },
  },
};
