/**
 * What every run of the sample (and of its Python twin) must show,
 * whatever order its threads' lines come in.
 */
import type { Language } from "@unravel/lesson-kit";
import { expect } from "vitest";

type Check = (lines: string[], language: Language) => void;

const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8];
const MAXSIZE = 2;
const CONSUMERS = ["c1", "c2"];
const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (\d+)$/;

const puts = (lines: string[]) =>
  lines.flatMap((l) => PUT.exec(l)?.slice(1).map(Number) ?? []);
const gots = (lines: string[]) =>
  lines.flatMap((l) => {
    const m = GOT.exec(l);
    return m ? [{ consumer: m[1]!, item: Number(m[2]) }] : [];
  });
const ascending = (items: number[]) =>
  items.toSorted((a, b) => a - b);

export const invariants: Record<string, Check> = {
  "puts every item once, in order": (lines) => {
    expect(puts(lines)).toEqual(ITEMS);
  },
  "consumes every item exactly once": (lines) => {
    expect(ascending(gots(lines).map((g) => g.item))).toEqual(
      ITEMS,
    );
  },
  "hands each consumer its items in queue order": (lines) => {
    for (const c of CONSUMERS) {
      const mine = gots(lines).filter((g) => g.consumer === c);
      const items = mine.map((g) => g.item);
      expect(items, c).toEqual(ascending(items));
    }
  },
  "holds a fast producer back while the queue is full": (lines) => {
    // When `put i` returns, the queue holds at most MAXSIZE items,
    // so at least i - MAXSIZE were taken; each consumer may not yet
    // have printed the one it took last.
    let got = 0;
    for (const line of lines) {
      if (GOT.test(line)) got += 1;
      const put = PUT.exec(line);
      if (put) {
        const least = Number(put[1]) - MAXSIZE - CONSUMERS.length;
        expect(got, line).toBeGreaterThanOrEqual(least);
      }
    }
  },
  "stops each consumer after its last item, then main": (lines) => {
    for (const c of CONSUMERS) {
      const mine = lines.filter((l) => l.startsWith(`  ${c}: `));
      expect(mine.at(-1)).toBe(`  ${c}: no more items, stopping`);
      const stops = mine.filter((l) => l.includes("stopping"));
      expect(stops).toHaveLength(1);
    }
    expect(lines).toContain("producer: done");
    expect(lines.at(-1)).toBe("main: every item was consumed");
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
