/**
 * What every run of the sample (and of its Python twin) must show. The
 * counts (connections, threads, requests) are read from the output, so
 * a cut-down copy is judged by the same rules.
 *
 * "N in use" is counted after the thread acquired its connection and
 * before it releases it, so it can never pass the semaphore's value,
 * however the threads interleave; how high it gets in one run (3, or
 * less when the threads happen not to overlap) is timing. A request
 * line names the ticks counted before it: the k-th request needs the
 * k-th permit, which the ticker releases after its k-th tick, on every
 * schedule.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const CONNECTIONS = 3;
const CONNECTED = /^(q\d+): connected, (\d+) in use$/;
const REQUEST = /^request (\d+) after tick (\d+)$/;
const TOO_MANY =
  "one release too many: Semaphore released too many times";

const connected = (lines: string[]) =>
  lines.flatMap((l) => {
    const m = CONNECTED.exec(l);
    return m ? [{ name: m[1], now: Number(m[2]) }] : [];
  });

export const checks: LessonChecks = {
  checks: {
    "never more than three connections in use": {
      says: `at most ${CONNECTIONS} threads hold a connection at once, and every thread gets one`,
      check({ lines }) {
        const c = connected(lines);
        must(c.length > 0, "no thread connected");
        for (const { name, now } of c)
          must(
            now >= 1 && now <= CONNECTIONS,
            `${name} connected with ${now} in use: more than the ${CONNECTIONS} connections there are`,
          );
        const names = new Set(c.map((x) => x.name));
        must(names.size === c.length, "a thread connected twice");
      },
    },
    "the bounded semaphore refuses a release too many": {
      says: "one release more than was acquired is refused with an error",
      check({ lines }) {
        must(
          lines.includes(TOO_MANY),
          `there is no line "${TOO_MANY}": the extra release went through, and the pool now lets ${CONNECTIONS + 1} threads in`,
        );
        must(
          lines.indexOf(TOO_MANY) >
            lines.findLastIndex((l) => CONNECTED.test(l)),
          "the extra release came before the threads were done",
        );
      },
    },
    "each request waits for its own tick": {
      says: "request k goes only after the ticker's k-th tick",
      check({ lines }) {
        const reqs = lines.flatMap((l) => {
          const m = REQUEST.exec(l);
          return m ? [[Number(m[1]), Number(m[2])]] : [];
        });
        must(reqs.length > 0, "no request was made");
        reqs.forEach(([n, tick], i) => {
          must(n === i + 1, `request ${n} came in place ${i + 1}`);
          must(
            tick >= n,
            `request ${n} went after tick ${tick}: before its permit was released`,
          );
        });
      },
    },
  },
  // The most connections in use at once, in this run.
  outcome: ({ lines }) =>
    `at most ${Math.max(0, ...connected(lines).map((c) => c.now))} in use`,
};
