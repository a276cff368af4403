import {
  type LessonRun,
  lessonDir,
  programs,
  TEST_TIMEOUT_MS,
} from "@unravel/lesson-kit";
import { beforeAll, describe, expect, it } from "vitest";

const dir = lessonDir(import.meta);
const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SIZE = 3;

const PUT = /^producer: put (\d+)$/;
const GOT = /^ {2}(c\d): got (\d+)$/;
const FULL = "producer: buffer full, waiting";

describe.each(programs)("08-condition ($language)", ({ run }) => {
  let lines: string[];
  beforeAll(async () => {
    const out: LessonRun = await run(dir);
    lines = out.lines;
  }, TEST_TIMEOUT_MS);

  const items = (re: RegExp, group: number) =>
    lines.flatMap((l) => {
      const m = re.exec(l);
      return m ? [Number(m[group])] : [];
    });

  it("puts every item once, in order", () => {
    expect(items(PUT, 1)).toEqual(ITEMS);
  });

  it("takes every item once, first in, first out", () => {
    // Lines about the buffer are printed while holding the lock,
    // so their order is the order the buffer changed in.
    expect(items(GOT, 2)).toEqual(ITEMS);
  });

  it("never holds more than SIZE items or takes from an empty buffer", () => {
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
  });

  it("stops each consumer once, after the last item", () => {
    const lastGot = lines.findLastIndex((l) => GOT.test(l));
    for (const c of ["c1", "c2"]) {
      const stop = lines.indexOf(`  ${c}: stopping`);
      expect(stop, c).toBeGreaterThan(lastGot);
      expect(lines.lastIndexOf(`  ${c}: stopping`)).toBe(stop);
    }
    expect(lines.at(-1)).toBe("main: all items consumed");
  });
});
