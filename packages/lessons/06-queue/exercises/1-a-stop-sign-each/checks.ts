import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const GOT = /^ {2}(c\d): got (\d+)$/;

export const checks: LessonChecks = {
  checks: {
    "stops each consumer once": {
      says: "each consumer stops once, after its last item",
      check({ lines }) {
        for (const c of ["c1", "c2"]) {
          const mine = lines.filter((l) =>
            l.startsWith(`  ${c}: `),
          );
          must(
            mine.at(-1) === `  ${c}: stopping`,
            `${c} never stopped: it still waits in get() for an item no one will put`,
          );
        }
      },
    },
    "consumes every item exactly once": {
      says: "the items 1 to 4 are each taken exactly once",
      check({ lines }) {
        const got = lines
          .flatMap((l) => {
            const m = GOT.exec(l);
            return m ? [Number(m[2])] : [];
          })
          .toSorted((a, b) => a - b);
        must(
          JSON.stringify(got) === "[1,2,3,4]",
          `the consumers took ${JSON.stringify(got)}`,
        );
      },
    },
    "ends with the main thread's line": {
      says: "the main thread's last line comes last",
      check({ lines }) {
        must(
          lines.at(-1) === "main: every item was consumed",
          `the last line is "${lines.at(-1)}"`,
        );
      },
    },
  },
};
