import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const PART = /^part (\d+) is here$/;
const PARTS = 4;

export const checks: LessonChecks = {
  checks: {
    "every part is reported once": {
      says: `each of the ${PARTS} parts is reported once, before "all parts are here"`,
      check({ lines }) {
        const parts = lines.flatMap((l) => {
          const m = PART.exec(l);
          return m ? [Number(m[1])] : [];
        });
        must(
          parts.length === PARTS && new Set(parts).size === PARTS,
          `the parts reported were ${parts.join(", ") || "none"}: not each of the ${PARTS} once`,
        );
        must(
          lines.at(-1) === "all parts are here",
          `the last line is "${lines.at(-1)}", not "all parts are here"`,
        );
      },
    },
    "the parts are reported as they arrive": {
      says: "the slow part 1 is reported last: the others were here first",
      check({ lines }) {
        const parts = lines.filter((l) => PART.test(l));
        must(
          parts.at(-1) === "part 1 is here",
          `the parts came out as ${parts.map((l) => l.split(" ")[1]).join(", ")}: part 1 takes 1000 ms, the others 50 ms, so part 1 held back parts that were already here`,
        );
      },
    },
  },
};
