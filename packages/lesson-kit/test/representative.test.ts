import { describe, expect, it } from "vitest";
import { lineIndex, overlapMs, threadSpans } from "../src/representative.ts";

const ev = (t: number, thread: number, kind: string, name?: string) => ({ t, thread, kind, name });

describe("the helpers a declaration uses", () => {
  const events = [
    ev(0, 1, "thread-start", "MainThread"),
    ev(50, 2, "thread-start", "a"),
    ev(60, 2, "print"),
    ev(80, 3, "thread-start", "b"),
    ev(120, 2, "thread-end"),
    ev(200, 3, "thread-end"),
    ev(210, 4, "thread-start", "daemon"),
  ];

  it("reads each thread's span from its start and end events", () => {
    expect(threadSpans(events)).toEqual([
      { thread: 1, name: "MainThread", start: 0, end: Infinity },
      { thread: 2, name: "a", start: 50, end: 120 },
      { thread: 3, name: "b", start: 80, end: 200 },
      { thread: 4, name: "daemon", start: 210, end: Infinity },
    ]);
  });

  it("measures how long all of some threads were alive at once", () => {
    const [main, a, b, d] = threadSpans(events);
    expect(overlapMs([a!, b!])).toBe(40);
    expect(overlapMs([a!, b!, d!])).toBe(0); // the daemon started after both ended
    expect(overlapMs([main!, d!])).toBe(Infinity);
    expect(overlapMs([])).toBe(0);
  });

  it("finds a line by text or pattern, from an index on", () => {
    const texts = ["x", "beat at 1 ms", "x", "beat at 9 ms"];
    expect(lineIndex(texts, "x")).toBe(0);
    expect(lineIndex(texts, "x", 1)).toBe(2);
    expect(lineIndex(texts, /^beat/, 2)).toBe(3);
    expect(lineIndex(texts, "y")).toBe(-1);
  });
});
