import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8];
const MAXSIZE = 2;
const CONSUMERS = ["c1", "c2"];

const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (\d+)$/;

describe.each(programs)("06-queue ($language)", ({ run }) => {
  let lines: string[];
  beforeAll(async () => {
    const out: LessonRun = await run(dir);
    lines = out.lines;
  }, TEST_TIMEOUT_MS);

  const puts = () =>
    lines.flatMap((l) => PUT.exec(l)?.slice(1).map(Number) ?? []);
  const gots = () =>
    lines.flatMap((l) => {
      const m = GOT.exec(l);
      return m ? [{ consumer: m[1]!, item: Number(m[2]) }] : [];
    });

  it("puts every item once, in order", () => {
    expect(puts()).toEqual(ITEMS);
  });

  it("consumes every item exactly once", () => {
    const items = gots().map((g) => g.item);
    expect(items.toSorted((a, b) => a - b)).toEqual(ITEMS);
  });

  it("hands each consumer its items in queue order", () => {
    for (const c of CONSUMERS) {
      const mine = gots().filter((g) => g.consumer === c);
      const items = mine.map((g) => g.item);
      expect(items).toEqual(items.toSorted((a, b) => a - b));
    }
  });

  it("holds a fast producer back while the queue is full", () => {
    // When `put i` returns, the queue holds at most MAXSIZE items,
    // so at least i - MAXSIZE were taken; each consumer may not
    // have printed the one it took last.
    let got = 0;
    for (const line of lines) {
      if (GOT.test(line)) got += 1;
      const put = PUT.exec(line);
      if (put) {
        const item = Number(put[1]);
        expect(got, line).toBeGreaterThanOrEqual(
          item - MAXSIZE - CONSUMERS.length,
        );
      }
    }
  });

  it("stops each consumer after its last item, then main", () => {
    for (const c of CONSUMERS) {
      const mine = lines.filter((l) => l.startsWith(`  ${c}: `));
      expect(mine.at(-1)).toBe(`  ${c}: no more items, stopping`);
      expect(
        mine.filter((l) => l.includes("stopping")),
      ).toHaveLength(1);
    }
    expect(lines).toContain("producer: done");
    expect(lines.at(-1)).toBe("main: every item was consumed");
  });
});
