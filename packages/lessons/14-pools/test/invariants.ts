/**
 * What every run of the sample (and of its Python twin) must show. The
 * job (the limit and the number of tasks) is read from the output, and
 * every count is checked against a sieve computed here, in one thread:
 * a pool must give exactly what one thread would, each task's result
 * once, `map`'s in the order of the tasks and `asCompleted`'s each
 * future once, in whatever order they finished.
 *
 * The timings are not invariants, but the speed-up line is: it must be
 * the ratio of the two times printed above it, and no more than the
 * pool's threads (plus a margin for a noisy 1-thread round) — n threads
 * cannot do the work more than n times as fast.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const MACHINE = /^this machine: (\d+) cores, so a pool of (\d+)$/;
const JOB = /^the job: the primes below (\d+), in (\d+) tasks$/;
const MAP = /^map, in task order: ([\d ]+)$/;
const COMPLETED =
  /^(?:asCompleted|as_completed), as they finished: ([\d ]+)$/;
const TIMED =
  /^(1 thread|\d+ threads|\d+ processes): (\d+) primes in (\d+) ms$/;
const SPEED_UP =
  /^speed-up: ([\d.]+)× with (\d+) (threads|processes) on (\d+) cores$/;
/** A 1-thread round slowed by other programs can flatter n threads a little. */
const MARGIN = 1;

function find(lines: string[], re: RegExp, what: string) {
  for (const l of lines) {
    const m = re.exec(l);
    if (m) return m;
  }
  return must(false, `there is no line with ${what}`) as never;
}

/** How many primes each task's range holds: [from, to) in `tasks` equal parts below `limit`. */
export function primesPerTask(
  limit: number,
  tasks: number,
): number[] {
  const composite = new Uint8Array(limit);
  for (let i = 2; i * i < limit; i++)
    if (!composite[i])
      for (let j = i * i; j < limit; j += i) composite[j] = 1;
  const size = Math.floor(limit / tasks);
  return Array.from({ length: tasks }, (_, t) => {
    let count = 0;
    for (let k = Math.max(2, t * size); k < (t + 1) * size; k++)
      if (!composite[k]) count++;
    return count;
  });
}

function job(lines: string[]) {
  const [, limit, tasks] = find(lines, JOB, '"the job: …"');
  const [, cores, n] = find(lines, MACHINE, '"this machine: …"');
  return {
    limit: Number(limit),
    tasks: Number(tasks),
    cores: Number(cores),
    n: Number(n),
  };
}

const numbers = (text: string) =>
  text.trim().split(" ").map(Number);

export const checks: LessonChecks = {
  checks: {
    "every task's result is right": {
      says: "every count is exactly what one thread alone finds, on every pool",
      check({ lines }) {
        const { limit, tasks } = job(lines);
        must(
          lines.includes("primes below 100: 25"),
          'there is no line "primes below 100: 25": the first future\'s result is wrong or was never read',
        );
        const want = primesPerTask(limit, tasks);
        const total = want.reduce((a, b) => a + b, 0);
        const timed = lines.filter((l) => TIMED.test(l));
        must(timed.length >= 2, "the timed runs printed no counts");
        for (const l of lines) {
          const m = TIMED.exec(l);
          if (m)
            must(
              Number(m[2]) === total,
              `${m[1]} found ${m[2]} primes below ${limit}, but there are ${total}: a task's result was missed, counted twice or read before it was done`,
            );
        }
      },
    },
    "map gives the results in task order": {
      says: "map returns each task's result once, in the order of the tasks",
      check({ lines }) {
        const { limit, tasks } = job(lines);
        const got = numbers(
          find(lines, MAP, '"map, in task order: …"')[1],
        );
        const want = primesPerTask(limit, tasks);
        must(
          got.length === tasks,
          `map gave ${got.length} results for ${tasks} tasks`,
        );
        for (const [i, count] of got.entries())
          must(
            count === want[i],
            `map's result ${i + 1} is ${count}, but task ${i + 1} (from ${(i * limit) / tasks}) holds ${want[i]} primes: the results are not in task order`,
          );
      },
    },
    "asCompleted gives each future once": {
      says: "asCompleted hands back every future once, in the order they finished",
      check({ lines }) {
        const { tasks } = job(lines);
        const order = numbers(
          find(lines, COMPLETED, '"… as they finished: …"')[1],
        );
        const seen = new Set(order);
        must(
          order.length === tasks && seen.size === tasks,
          `asCompleted gave the tasks ${order.join(" ")}: not each of the ${tasks} once`,
        );
        must(
          order.every((k) => k >= 1 && k <= tasks),
          `asCompleted gave a task that was not submitted (${order.join(" ")})`,
        );
      },
    },
    "the speed-up is the ratio of the times, at most the pool's size":
      {
        says: ({ lines }) => {
          const { n } = job(lines);
          return `the speed-up is 1 thread's time over ${n} threads' time, and no more than ${n}× (+${MARGIN} for noise)`;
        },
        check({ lines }) {
          const { n, cores } = job(lines);
          must(
            n === Math.min(4, cores),
            `a pool of ${n} on ${cores} cores: the sample takes min(4, cores)`,
          );
          const times = new Map<string, number>();
          for (const l of lines) {
            const m = TIMED.exec(l);
            if (m)
              times.set(
                m[1] === "1 thread" ? "1" : m[1],
                Number(m[3]),
              );
          }
          const one = times.get("1");
          must(one !== undefined, 'there is no "1 thread: …" line');
          let speedUps = 0;
          for (const l of lines) {
            const m = SPEED_UP.exec(l);
            if (!m) continue;
            speedUps++;
            const [, x, k, kind, c] = m;
            const many = times.get(`${k} ${kind}`);
            must(
              many !== undefined,
              `"${l}" has no timed run of ${k} ${kind} above it`,
            );
            must(
              Number(k) === n && Number(c) === cores,
              `"${l}" is not about the pool of ${n} on ${cores} cores`,
            );
            // The times are printed rounded to 1 ms: allow for that.
            const lo = (one - 0.5) / (many + 0.5);
            const hi = (one + 0.5) / Math.max(0.5, many - 0.5);
            must(
              Number(x) >= lo - 0.005 && Number(x) <= hi + 0.005,
              `the speed-up ${x}× is not ${one} ms / ${many} ms`,
            );
            must(
              Number(x) <= n + MARGIN,
              `${x}× with ${n} ${kind}: more than ${n} can do, so the times measured something else (results collected before they were done?)`,
            );
          }
          must(speedUps > 0, "there is no speed-up line");
        },
      },
  },
  // How the pool's figure came out (the timings change every run).
  outcome: ({ lines }) =>
    lines.filter((l) => l.startsWith("speed-up:")).join("; "),
};
