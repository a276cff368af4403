/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. The expected total is read
 * from the output (`<count> of <total>`), so the checks hold for any
 * number of threads and additions: an edited or cut-down version is
 * judged by the same rules, and the sentences show its numbers.
 *
 * One run cannot show that the race exists: a run that loses nothing
 * is a correct run of the unlocked half too, and how much it loses is
 * timing. What the lock promises, the exact total, holds on every run.
 * To find a losing interleaving on purpose, step mode's scheduler
 * searches for one: `pnpm lesson 7 --explore 500 --file <a cut-down
 * copy>`, or Step through → Find a failing schedule on the page, which
 * judges each schedule by these checks.
 */
import {
  type CheckRun,
  type LessonChecks,
  must,
} from "@unravel/lesson-kit/check";

/** Reads `<label>: <count> of <total>`. */
function counted(lines: string[], label: string) {
  const line = lines.find((l) => l.startsWith(`${label}:`)) ?? "";
  const m = /^[a-z ]+: +(\d+) of (\d+)$/.exec(line);
  must(m, `there is no "${label}: <count> of <total>" line`);
  return { count: Number(m[1]), total: Number(m[2]) };
}

/** The total the run printed, for the sentences ("4,000,000"). */
function total({ lines }: CheckRun): string {
  return counted(lines, "with a lock").total.toLocaleString(
    "en-US",
  );
}

export const checks: LessonChecks = {
  checks: {
    "counts every addition exactly with the lock": {
      says: (run) =>
        `with the lock the count is exactly ${total(run)}`,
      check({ lines }) {
        const { count, total } = counted(lines, "with a lock");
        must(
          total > 0,
          "the total is 0: there was nothing to count",
        );
        must(
          count === total,
          `the count is ${count.toLocaleString("en-US")}: ${(total - count).toLocaleString("en-US")} additions were lost`,
        );
      },
    },
    "may lose additions without the lock, never gain any": {
      says: (run) =>
        `without the lock the count is at most ${total(run)}, and the lost updates add up`,
      check({ lines }) {
        // Losses depend on timing: any count from 1 to the total is
        // right (the last write is at least some thread's first + 1).
        const { count, total } = counted(lines, "without a lock");
        const locked = counted(lines, "with a lock").total;
        must(
          total === locked,
          `the two halves count to different totals, ${total} and ${locked}`,
        );
        must(count > 0, "the count without the lock is 0");
        must(
          count <= total,
          `the count ${count} is more than the total ${total}`,
        );
        must(
          lines.includes(`  lost updates: ${total - count}`),
          `there is no "lost updates: ${total - count}" line`,
        );
      },
    },
    "prints its three lines in order": {
      says: "it prints its three lines in order",
      check({ lines }) {
        const heads = lines.map((l) => l.split(":")[0]);
        must(
          JSON.stringify(heads) ===
            JSON.stringify([
              "without a lock",
              "  lost updates",
              "with a lock",
            ]),
          `the lines begin ${JSON.stringify(heads)}`,
        );
      },
    },
  },
  // Whether the unlocked half lost updates (how many is timing).
  outcome: ({ lines }) => {
    const { count, total } = counted(lines, "without a lock");
    return count === total ? "no update lost" : "lost updates";
  },
};
