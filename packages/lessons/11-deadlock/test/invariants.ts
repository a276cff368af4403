/**
 * What every run of the sample (and of its Python twin) must show.
 * A deadlock is not a line of output: a run that deadlocks ends with
 * the deadlock report and exit code 1, and the test, `--check` and
 * `--explore` fail it for that ("no deadlock"). Taking the two locks
 * in opposite orders in `transfer` deadlocks only on some schedules;
 * `pnpm lesson deadlock --explore 200 --scheduler random --file …`
 * with that version finds one (random: schedule 2; PCT: 58), with its
 * cycle. These checks say what a run that finished must show.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const MOVED = /^(0→1|1→0): moved (\d+)$/;
const BALANCES = /^balances: (-?\d+) \+ (-?\d+)$/;
const GAVE_UP = /^left: gave up after (\d+) ms, letting go$/;
const GOT = "right: got the other lock too";
const PAYDAY = /^payday: (\d+), one thread took the RLock 3 times$/;

function index(lines: string[], re: RegExp | string, what: string) {
  const i = lines.findIndex((l) =>
    typeof re === "string" ? l === re : re.test(l),
  );
  must(i >= 0, `there is no line ${what}`);
  return i;
}

export const checks: LessonChecks = {
  checks: {
    "both transfers finish, and no money is made or lost": {
      says: "both transfer threads finish, and the two balances still add up to 200",
      check({ lines }) {
        const movers = lines.filter((l) => MOVED.test(l));
        must(
          movers.length === 2,
          `${movers.length} transfer threads said they finished, not 2`,
        );
        const b = BALANCES.exec(
          lines[index(lines, BALANCES, '"balances: A + B"')],
        );
        must(b, "unreachable");
        const sum = Number(b[1]) + Number(b[2]);
        must(sum === 200, `the balances add up to ${sum}, not 200`);
        must(
          lines.findLastIndex((l) => MOVED.test(l)) <
            lines.findIndex((l) => BALANCES.test(l)),
          "the balances were printed before both transfers ended",
        );
      },
    },
    "the impatient thread gives up, and then the other gets both locks":
      {
        says: "left gives up its wait for the second lock; right, more patient, then gets both",
        check({ lines }) {
          const gaveUp = index(lines, GAVE_UP, '"left: gave up …"');
          const got = index(lines, GOT, `"${GOT}"`);
          must(
            gaveUp < got,
            "right got both locks before left let go of one: they cannot both have been held",
          );
          must(
            !lines.includes("left: got the other lock too"),
            "left got the lock that right held, while right waited for left's",
          );
        },
      },
    "the RLock is taken again by the thread that holds it": {
      says: "payday takes the RLock it already holds, twice, and both deposits are made",
      check({ lines }) {
        const m = PAYDAY.exec(
          lines[index(lines, PAYDAY, '"payday: …"')],
        );
        must(m, "unreachable");
        must(
          m[1] === "101",
          `the account holds ${m[1]}, not 101: a deposit is missing`,
        );
        must(
          lines.at(-1)?.startsWith("payday:"),
          "payday's line is not the last",
        );
      },
    },
  },
  // Which transfer thread finished first.
  outcome: ({ lines }) =>
    lines.filter((l) => MOVED.test(l)).join(", ") || "no transfer",
};
