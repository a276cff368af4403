/**
 * What every run of the sample must show, whatever order its threads'
 * lines come in. Checked on the terminal runs (test/lesson.test.ts)
 * and on the browser run behind the page's Run button (the site's
 * test imports checkOutput from here).
 */
import { expect } from "vitest";

export const LAST = "main: joined the worker, so this line is last";

export function checkOutput(lines: string[]): void {
  // The worker runs its steps once each, in order.
  expect(lines.filter((l) => l.startsWith("worker: "))).toEqual([
    "worker: step 1 of 3",
    "worker: step 2 of 3",
    "worker: step 3 of 3",
  ]);
  // join() returns only after the worker's last line, so the main
  // thread's line after it comes last.
  expect(lines.at(-1)).toBe(LAST);
  expect(lines).toHaveLength(5);
}
