/**
 * What every run of the sample (and of its Python twin) must show. The
 * simulation's rows are checked against the same rule computed by one
 * thread, here, from the row the run printed for step 0: with the
 * barrier, four threads compute exactly what one would, on every
 * schedule. How many steps and cells there are is read from the output,
 * so a cut-down copy is judged by the same rules.
 *
 * Without the barrier (or with one row read and written in place) a
 * thread reads cells another has not written yet, or has already
 * overwritten, and the rows differ from the rule's on some schedules —
 * which the explorer finds on purpose (the exercises).
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const STEP = /^step (\d+): ([\d ]+)$/;
const PARTY = ["a", "b", "late"];

function steps(lines: string[]) {
  return lines.flatMap((l) => {
    const m = STEP.exec(l);
    return m
      ? [{ n: Number(m[1]), row: m[2].split(" ").map(Number) }]
      : [];
  });
}

/** One step of the rule, on a ring: each cell the mean of three, rounded down. */
export function nextRow(row: number[]): number[] {
  const n = row.length;
  return row.map((c, i) =>
    Math.floor((row[(i + n - 1) % n] + c + row[(i + 1) % n]) / 3),
  );
}

export const checks: LessonChecks = {
  checks: {
    "every step is what one thread alone computes": {
      says: "every step's row is exactly what one thread computing alone gets",
      check({ lines }) {
        const s = steps(lines);
        must(s.length >= 2, "there are no steps after step 0");
        must(
          s[0].n === 0,
          `the first row printed is step ${s[0].n}, not 0`,
        );
        let want = s[0].row;
        for (const { n, row } of s.slice(1)) {
          want = nextRow(want);
          must(
            row.join(" ") === want.join(" "),
            `step ${n} is ${row.join(" ")}, but the rule gives ${want.join(" ")}: a thread read a cell of the wrong step`,
          );
        }
      },
    },
    "the action runs once per step, in order": {
      says: "the barrier's action prints each step once, in order",
      check({ lines }) {
        const ns = steps(lines).map((s) => s.n);
        must(
          ns.every((n, i) => n === i),
          `the steps were printed in the order ${ns.join(", ")}`,
        );
      },
    },
    "one thread's timeout breaks the barrier for all": {
      says: "a waits, b waits, late comes too late: all three get a broken barrier",
      check({ lines }) {
        for (const name of PARTY) {
          must(
            !lines.includes(`${name}: passed`),
            `${name} passed a barrier that one of the three never reached in time`,
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
  // Which of a and b saw the barrier break first (the other is told).
  outcome: ({ lines }) =>
    lines
      .filter((l) => l.endsWith(": broken barrier"))
      .map((l) => l.split(":")[0])
      .join(", "),
};
