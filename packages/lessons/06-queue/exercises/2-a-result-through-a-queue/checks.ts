import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const READY = "worker: the sum of squares up to 5 is ready";

export const checks: LessonChecks = {
  checks: {
    "prints the worker's answer, 55": {
      says: "the main thread prints the worker's answer: 1 + 4 + 9 + 16 + 25 = 55",
      check({ lines }) {
        const line = lines.find((l) =>
          l.startsWith("main: the answer is"),
        );
        must(line, 'there is no "main: the answer is …" line');
        must(
          line === "main: the answer is 55",
          `it printed "${line}", not "main: the answer is 55"`,
        );
      },
    },
    "takes the answer from the queue": {
      says: "the answer comes through the queue: the worker puts it, the main thread gets it",
      check({ source, lines }) {
        must(
          source !== undefined,
          "the program's source was not given",
        );
        must(
          /\.put\(/.test(source),
          "the program never calls put() on a queue",
        );
        must(
          /\.get\(/.test(source),
          "the program never calls get() on a queue",
        );
        must(
          lines.indexOf(READY) <
            lines.findIndex((l) =>
              l.startsWith("main: the answer is"),
            ),
          `the answer was printed before "${READY}"`,
        );
      },
    },
  },
};
