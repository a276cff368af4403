/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. The totals are read from
 * the output (`<count> of <total>`), so a cut-down copy (the exercises
 * run 2 threads × 3 additions, small enough to step) is judged by the
 * same rules, and the sentences show its numbers.
 *
 * How many compareExchange calls lose, and how many audits catch a sale
 * half done, is timing: any number is right, 0 included. What the
 * atomics promise holds on every run: no addition lost, no ticket sold
 * twice, none sold that was not there.
 */
import {
  type CheckRun,
  type LessonChecks,
  must,
} from "@unravel/lesson-kit/check";

const fmt = (n: number) => n.toLocaleString("en-US");

function line(lines: string[], head: string, re: RegExp) {
  const l = lines.find((x) => x.startsWith(head)) ?? "";
  const m = re.exec(l);
  must(m, `there is no "${head} …" line of the form ${re.source}`);
  return m.slice(1).map(Number);
}

export const added = (lines: string[]) => {
  const [count, total] = line(
    lines,
    "added:",
    /^added: +(-?\d+) of (\d+)$/,
  );
  return { count, total };
};

export const sold = (lines: string[]) => {
  const [count, total, left] = line(
    lines,
    "sold:",
    /^sold: +(-?\d+) of (\d+), left (-?\d+)$/,
  );
  return { count, total, left };
};

const retries = (lines: string[]) =>
  line(lines, "  retries:", /^ {2}retries: (\d+)$/)[0];

const audits = (lines: string[]) => {
  const [total, off, of] = line(
    lines,
    "  audits",
    /^ {2}audits that saw left \+ sold ≠ (\d+): (\d+) of (\d+)$/,
  );
  return { total, off, of };
};

const says =
  (f: (run: CheckRun) => string, fallback: string) =>
  (run: CheckRun) => {
    try {
      return f(run);
    } catch {
      return fallback;
    }
  };

export const checks: LessonChecks = {
  checks: {
    "Atomics.add loses no addition": {
      says: says(
        ({ lines }) =>
          `with Atomics.add the count is exactly ${fmt(added(lines).total)}, with no lock`,
        "with Atomics.add the count is exact, with no lock",
      ),
      check({ lines }) {
        const { count, total } = added(lines);
        must(total > 0, "the total is 0: there was nothing to add");
        must(
          count === total,
          count < total
            ? `the count is ${fmt(count)}: ${fmt(total - count)} additions were lost — is every addition one Atomics call?`
            : `the count ${fmt(count)} is more than the ${fmt(total)} additions made`,
        );
      },
    },
    "sells every ticket once, never one too many": {
      says: says(
        ({ lines }) =>
          `the sellers sell exactly ${fmt(sold(lines).total)} tickets and leave none, never below 0`,
        "the sellers sell every ticket exactly once",
      ),
      check({ lines }) {
        const { count, total, left } = sold(lines);
        must(total > 0, "there were no tickets to sell");
        must(
          left >= 0,
          `the stock ended at ${fmt(left)}: tickets were sold that were not there — was the check "is one left?" and the take one step (compareExchange)?`,
        );
        must(
          count <= total,
          `${fmt(count)} tickets were sold of ${fmt(total)}: ${fmt(count - total)} too many`,
        );
        must(left === 0, `${fmt(left)} tickets were left unsold`);
        must(
          count === total,
          `${fmt(count)} were counted sold, but all ${fmt(total)} left the stock: ${fmt(total - count)} sales were lost`,
        );
      },
    },
    "counts the retries (any number is right)": {
      says: "it counts the compareExchange calls that lost the race; how many is timing",
      check({ lines }) {
        retries(lines); // must be there; 0 is a right answer too
      },
    },
    "audits while the sellers sell": {
      says: says(
        ({ lines }) =>
          `main audits left + sold = ${fmt(audits(lines).total)} while they sell; any number of audits may catch a sale half done`,
        "main audits while they sell",
      ),
      check({ lines }) {
        const a = audits(lines);
        const s = sold(lines);
        must(
          a.total === s.total,
          `the audit compares with ${a.total}, but there were ${s.total} tickets`,
        );
        must(
          a.off <= a.of,
          `${a.off} of ${a.of} audits is more than all of them`,
        );
      },
    },
    "prints its four lines in order": {
      says: "it prints its four lines in order",
      check({ lines }) {
        const heads = lines.map((l) => l.trim().split(/[: ]/)[0]);
        must(
          heads.join() === "added,sold,retries,audits",
          `the lines begin ${JSON.stringify(heads)}`,
        );
      },
    },
  },
  // Whether a compareExchange lost, and whether an audit caught a sale
  // half done (how many is timing).
  outcome: ({ lines }) => {
    const r = retries(lines) > 0 ? "retried" : "no retry";
    const a =
      audits(lines).off > 0
        ? "an audit saw a sale half done"
        : "no audit saw one";
    return `${r}; ${a}`;
  },
};
