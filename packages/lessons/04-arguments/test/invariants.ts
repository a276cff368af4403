/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in. Each check has a sentence
 * for the learner; the lesson page shows them after a run.
 */
import { type LessonChecks, must } from "@unravel/lesson-kit/check";

const count = (lines: string[], line: string) =>
  lines.filter((l) => l === line).length;

// What differs: every JavaScript thread has its own module state,
// Python's threads share one; JavaScript copies a list into a thread,
// Python shares it; JavaScript refuses to pass a function, Python
// passes it.
const differs = {
  typescript: {
    greeted: "greeted = 0",
    list: "list = [1, 2, 3]",
    fn: /^TypeError: args\[0\] is a function.*share no objects/,
  },
  python: {
    greeted: "greeted = 3",
    list: "list = [1, 2, 3, 4]",
    fn: /^hi$/,
  },
};

export const checks: LessonChecks = {
  checks: {
    "gives each thread its own arguments and options": {
      says: "each thread gets its own arguments and options",
      check({ lines }) {
        for (const [line, times] of [
          ["hello, Ada", 1],
          ["hello, Alan", 2], // times: 2
          ["HELLO, GRACE!", 1], // loud: true
        ] as const) {
          const n = count(lines, line);
          must(
            n === times,
            `"${line}" came ${n} times, not ${times}`,
          );
        }
      },
    },
    "prints every greeting before the joins return": {
      says: "every greeting is printed before the joins return",
      check({ lines }) {
        const first = lines.slice(0, 4).sort();
        must(
          JSON.stringify(first) ===
            JSON.stringify([
              "HELLO, GRACE!",
              "hello, Ada",
              "hello, Alan",
              "hello, Alan",
            ]),
          `the first four lines are ${JSON.stringify(lines.slice(0, 4))}`,
        );
      },
    },
    "shows a change to shared memory made in the thread": {
      says: "a change a thread makes to shared memory is seen by main",
      check({ lines }) {
        must(
          lines.includes("shared[0] = 42"),
          'there is no "shared[0] = 42" line',
        );
      },
    },
    "keeps module state per thread in JavaScript, shared in Python":
      {
        says: ({ language }) =>
          language === "typescript"
            ? "each thread has its own module state: main still reads greeted = 0"
            : "threads share module state: main reads greeted = 3",
        check({ lines, language }) {
          const want = differs[language].greeted;
          must(
            lines[4] === want,
            `line 5 is "${lines[4]}", not "${want}"`,
          );
        },
      },
    "shows what crossing into a thread does to a list and a function":
      {
        says: ({ language }) =>
          language === "typescript"
            ? "a list is copied into a thread, and a function is refused"
            : "a list is shared with a thread, and so is a function",
        check({ lines, language }) {
          const d = differs[language];
          must(
            lines[5] === d.list,
            `line 6 is "${lines[5]}", not "${d.list}"`,
          );
          must(
            d.fn.test(lines.at(-1) ?? ""),
            `the last line is "${lines.at(-1)}"`,
          );
          must(lines.length === 8, `${lines.length} lines, not 8`);
        },
      },
  },
};
