import { type LessonChecks, must } from "@unravel/lesson-kit/check";
import { primesPerTask } from "../../test/invariants.ts";

const JOB = /^the job: the primes below (\d+), in (\d+) tasks$/;

export const checks: LessonChecks = {
  checks: {
    "the total counts every task": {
      says: "the total printed is every prime below the limit: every task had added its count",
      check({ lines }) {
        const job = lines.map((l) => JOB.exec(l)).find((m) => m);
        must(job, 'there is no line "the job: …"');
        const [limit, tasks] = [Number(job[1]), Number(job[2])];
        const want = primesPerTask(limit, tasks).reduce(
          (a, b) => a + b,
        );
        const line = lines.find((l) => l.startsWith("total: "));
        must(line, 'there is no line "total: …"');
        must(
          line === `total: ${want} primes`,
          `"${line}", but there are ${want} primes below ${limit}: main read the total before every task had added to it`,
        );
      },
    },
  },
};
