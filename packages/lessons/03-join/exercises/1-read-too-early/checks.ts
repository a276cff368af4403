import { type LessonChecks, must } from "@unravel/lesson-kit/check";

export const checks: LessonChecks = {
  checks: {
    "prints the thread's result, 42": {
      says: "the main thread prints the thread's result, 42",
      check({ lines }) {
        const line = lines.find((l) =>
          l.startsWith("main: the result is"),
        );
        must(line, 'there is no "main: the result is …" line');
        must(
          line === "main: the result is 42",
          `it printed "${line}": the result was read before the thread wrote it`,
        );
      },
    },
    "reads the result only after the thread is done": {
      says: 'the result is read after the thread\'s "done" and the join',
      check({ lines }) {
        const done = lines.indexOf("thread: done");
        const joined = lines.indexOf("main: joined");
        const read = lines.findIndex((l) =>
          l.startsWith("main: the result is"),
        );
        must(
          done >= 0 && joined >= 0,
          'a "thread: done" or "main: joined" line is missing',
        );
        must(
          done < read && joined < read,
          "the result was read before the thread was done and joined",
        );
      },
    },
  },
};
