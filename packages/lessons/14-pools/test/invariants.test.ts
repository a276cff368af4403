/**
 * The invariants against outputs of wrong programs, without running
 * any: each mutation is what a broken sample prints (the programs
 * themselves were run by hand once; see the commit that added this).
 */
import { judge } from "@unravel/lesson-kit/check";
import { describe, expect, it } from "vitest";
import { checks, primesPerTask } from "./invariants.ts";

const LIMIT = 1200;
const TASKS = 4;
const counts = primesPerTask(LIMIT, TASKS);
const total = counts.reduce((a, b) => a + b);

function output(over: Partial<Record<string, string>> = {}) {
  const lines: Record<string, string> = {
    machine: "this machine: 2 cores, so a pool of 2",
    job: `the job: the primes below ${LIMIT}, in ${TASKS} tasks`,
    first: "primes below 100: 25",
    map: `map, in task order: ${counts.join(" ")}`,
    done: "asCompleted, as they finished: 2 1 4 3",
    one: `1 thread: ${total} primes in 300 ms`,
    many: `2 threads: ${total} primes in 200 ms`,
    speedUp: "speed-up: 1.50× with 2 threads on 2 cores",
    ...over,
  };
  return Object.values(lines);
}

function failed(lines: string[]) {
  return judge(checks, { lines, language: "typescript" })
    .filter((v) => !v.passed)
    .map((v) => v.title);
}

describe("the invariants", () => {
  it("pass a right output, with its figure whatever it is", () => {
    expect(failed(output())).toEqual([]);
    const slow = {
      many: `2 threads: ${total} primes in 400 ms`,
      speedUp: "speed-up: 0.75× with 2 threads on 2 cores",
    };
    expect(failed(output(slow))).toEqual([]);
  });

  it.each([
    [
      "results collected from submit without waiting",
      {
        one: "1 thread: 0 primes in 0 ms",
        many: "2 threads: 0 primes in 0 ms",
        speedUp: "speed-up: 0.91× with 2 threads on 2 cores",
      },
      "every task's result is right",
    ],
    [
      "a shared total updated without a lock (lost updates)",
      { many: `2 threads: ${total - 3} primes in 200 ms` },
      "every task's result is right",
    ],
    [
      "map's results re-sorted",
      {
        map: `map, in task order: ${[...counts].sort((a, b) => a - b).join(" ")}`,
      },
      "map gives the results in task order",
    ],
    [
      "asCompleted's futures, one of them twice",
      { done: "asCompleted, as they finished: 2 1 2 3" },
      "asCompleted gives each future once",
    ],
    [
      "8× claimed on 2 cores",
      {
        many: `2 threads: ${total} primes in 37 ms`,
        speedUp: "speed-up: 8.11× with 2 threads on 2 cores",
      },
      "the speed-up is the ratio of the times, at most the pool's size",
    ],
    [
      "a speed-up that is not the ratio of the times",
      { speedUp: "speed-up: 3.00× with 2 threads on 2 cores" },
      "the speed-up is the ratio of the times, at most the pool's size",
    ],
  ])("reject %s", (_what, over, check) => {
    expect(failed(output(over))).toEqual([check]);
  });
});
