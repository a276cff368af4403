import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const ITEMS = [1, 2, 3, 4, 5];
const MAXSIZE = 2;
const CONSUMERS = 2;
const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (\d+)$/;

export const checks: LessonChecks = {
  checks: {
    "holds a fast producer back while the queue is full": {
      says: `the producer waits while the queue holds ${MAXSIZE} items`,
      check({ lines }) {
        // When `put i` returns, the queue holds at most MAXSIZE items, so
        // at least i - MAXSIZE were taken; each consumer may not yet have
        // printed the one it took last.
        let got = 0;
        for (const line of lines) {
          if (GOT.test(line)) got += 1;
          const put = PUT.exec(line);
          if (put) {
            const least = Number(put[1]) - MAXSIZE - CONSUMERS;
            must(
              got >= least,
              `"${line}" came when only ${got} items had been taken: the queue held more than ${MAXSIZE}`,
            );
          }
        }
      },
    },
    "consumes every item exactly once": {
      says: "every item is taken exactly once",
      check({ lines }) {
        const got = lines
          .flatMap((l) => {
            const m = GOT.exec(l);
            return m ? [Number(m[2])] : [];
          })
          .toSorted((a, b) => a - b);
        must(
          JSON.stringify(got) === JSON.stringify(ITEMS),
          `the consumers took ${JSON.stringify(got)}`,
        );
      },
    },
  },
};

// Accepted when your version makes this one fail, on some schedule.
export const breaks =
  "holds a fast producer back while the queue is full";
