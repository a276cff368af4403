/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import { fileURLToPath } from "node:url";
import type { Language } from "@unravel/lesson-kit";
import { conditionWaits } from "@unravel/lesson-kit/test";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SIZE = 3;
const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (\d+)$/;
const FULL = "producer: buffer full, waiting";

const items = (lines: string[], re: RegExp, group: number) =>
  lines.flatMap((l) => {
    const m = re.exec(l);
    return m ? [Number(m[group])] : [];
  });

const SOURCES = {
  typescript: fileURLToPath(
    new URL("../src/main.ts", import.meta.url),
  ),
  python: fileURLToPath(
    new URL("../python/main.py", import.meta.url),
  ),
};
const CONDITIONS = {
  typescript: ["notFull", "notEmpty"],
  python: ["not_full", "not_empty"],
};

export const invariants: Record<string, Check> = {
  "waits on each condition inside a while loop": (
    _lines,
    language,
  ) => {
    // An `if` instead of the `while` goes wrong only when a thread
    // wakes to find the buffer changed again (another consumer took
    // the item first), and whether that happens in one run is
    // timing (an earlier version of this sample showed it in about
    // one run in seven). So the check
    // reads the program itself, where it shows every time. (With
    // the planned interleaving explorer, a test can also make that
    // wake-up happen and watch the `if` version fail.)
    const waits = conditionWaits(
      SOURCES[language],
      language,
      CONDITIONS[language],
    );
    expect(waits.length, "wait() calls").toBeGreaterThan(0);
    for (const w of waits) {
      expect(
        w.inWhileLoop,
        `${w.receiver}.wait() on line ${w.line}`,
      ).toBe(true);
    }
  },
  "puts every item once, in order": (lines) => {
    expect(items(lines, PUT, 1)).toEqual(ITEMS);
  },
  "takes every item once, first in, first out": (lines) => {
    // Lines about the buffer are printed while holding the lock,
    // so their order is the order the buffer changed in.
    expect(items(lines, GOT, 2)).toEqual(ITEMS);
  },
  "never overfills the buffer, never takes from an empty one": (
    lines,
  ) => {
    let held = 0;
    for (const line of lines) {
      if (PUT.test(line)) held += 1;
      if (GOT.test(line)) held -= 1;
      if (line === FULL)
        expect(held, "waits only when full").toBe(SIZE);
      expect(held, line).toBeGreaterThanOrEqual(0);
      expect(held, line).toBeLessThanOrEqual(SIZE);
    }
    expect(held).toBe(0);
  },
  "stops each consumer once, after the last item": (lines) => {
    const lastGot = lines.findLastIndex((l) => GOT.test(l));
    for (const c of ["c1", "c2"]) {
      const stop = lines.indexOf(`  ${c}: stopping`);
      expect(stop, c).toBeGreaterThan(lastGot);
      expect(lines.lastIndexOf(`  ${c}: stopping`)).toBe(stop);
    }
    expect(lines.at(-1)).toBe("main: all items consumed");
  },
};

/** Every invariant. The site holds the Run button's output to it. */
export function checkOutput(
  lines: string[],
  language: Language = "typescript",
): void {
  for (const check of Object.values(invariants))
    check(lines, language);
}
