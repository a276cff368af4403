/**
 * The concurrency contract, written once: each scenario is a complete program
 * in `scenarios/`, and each entry here says what its output must show.
 * `scenarios.test.ts` runs them on Node, `scenarios.browser.test.ts` in
 * Chromium's Web Workers.
 */
export interface Scenario {
  file: string;
  title: string;
  expected: string[];
  /** Lines that must come in this order (others may interleave between them). */
  inOrder?: string[];
}

export const scenarios: Scenario[] = [
  {
    file: "locked-counter.ts",
    title: "4 threads × 250,000 locked increments end at exactly 1,000,000",
    expected: ["counter 1000000", "locked after false"],
  },
  {
    file: "event-wakes-all.ts",
    title: "one Event.set() releases every waiting thread",
    expected: ["woke 5", "isSet true"],
  },
  {
    file: "event-set-then-clear.ts",
    title:
      "set() then clear() at once wakes every thread waiting at set(), wait and waitAsync, each returning true",
    expected: [
      "asleep before every set true",
      "returned false 0",
      "returned true in every round true",
      "clear after false",
    ],
  },
  {
    file: "rlock-owners.ts",
    title: "an RLock re-enters for its owner and refuses release by another thread",
    expected: [
      "other thread refused true",
      "other thread could not acquire true",
      "still held after one release true",
      "free after two releases true",
    ],
  },
  {
    file: "join-timeout.ts",
    title: "join(timeout) returns while the thread sleeps, which stays alive",
    expected: [
      "join(50) ended false",
      "alive after timeout true",
      "join() ended true",
      "alive after join false",
    ],
  },
  {
    file: "thread-error.ts",
    title: "a thread's error reaches the joiner with its name, stack and cause",
    expected: [
      "name ParseError",
      "message bad row 7",
      "stack names fails true",
      "cause RangeError: column out of range",
    ],
  },
  {
    file: "exported-error-class.ts",
    title:
      "an error of an exported class without its own name keeps its class from a thread and a future",
    expected: [
      "thread: Plain true, name Error, message plain one",
      "future: Coded true, Plain true, code 7, message coded one",
    ],
  },
  {
    file: "print-while-blocked.ts",
    title: "a thread prints while main is blocked in join, and join orders main's line last",
    expected: ["threads seen MainThread,talker"],
    inOrder: ["talker line 1", "talker line 2", "talker line 3", "main after join"],
  },
  {
    file: "async-wait-keeps-alive.ts",
    title: "an awaited waitAsync keeps the program alive until the event is set",
    expected: ["woke true"],
  },
  {
    file: "daemon-does-not-block-exit.ts",
    title: "a daemon thread that never ends does not keep the program alive",
    expected: ["daemon true alive true", "main done"],
  },
  {
    file: "excepthook.ts",
    title: "setExcepthook replaces the report of a thread's error, which still reaches join",
    expected: ["joined, exception disk full"],
    inOrder: ["hook: writer failed with disk full", "joined, exception disk full"],
  },
  {
    file: "console-in-thread.ts",
    title:
      "a thread's console lines reach the output, in order with print, before main's next line",
    expected: [],
    inOrder: ["console.log 1", "print 2", "console.info 3", "print 4", "main after join"],
  },
];

/** Checks a scenario's output lines; returns what is wrong, or an empty list. */
export function check(scenario: Scenario, lines: string[]): string[] {
  const problems = scenario.expected
    .filter((line) => !lines.includes(line))
    .map((line) => `missing: ${line}`);
  let at = -1;
  for (const line of scenario.inOrder ?? []) {
    const next = lines.indexOf(line, at + 1);
    if (next === -1) problems.push(`not in order: ${line}`);
    else at = next;
  }
  return problems;
}
