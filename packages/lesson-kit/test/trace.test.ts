import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseTrace, readTraceFile } from "../src/trace.ts";

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "trace-")), "trace.jsonl");
  writeFileSync(path, text);
  return path;
};

describe("readTraceFile", () => {
  it("parses one event per line", () => {
    const events = readTraceFile(
      file(
        '{"t":5,"thread":0,"kind":"print","text":"hi"}\n\n{"t":6,"thread":1,"kind":"thread-end"}\n',
      ),
    );
    expect(events).toEqual([
      { t: 5, thread: 0, kind: "print", text: "hi" },
      { t: 6, thread: 1, kind: "thread-end" },
    ]);
  });

  it("treats a missing file as an empty trace", () => {
    expect(readTraceFile(join(tmpdir(), "no-such-trace-file.jsonl"))).toEqual([]);
  });

  it("skips a torn last line but names any other bad line", () => {
    expect(readTraceFile(file('{"t":5,"thread":0,"kind":"print"}\n{"t":6,"thr'))).toHaveLength(1);
    expect(() => readTraceFile(file('{"t":5\n{"t":6,"thread":0,"kind":"print"}\n'))).toThrow(
      /line 1: not JSON/,
    );
    expect(() => readTraceFile(file('{"t":5,"kind":"print"}\n'))).toThrow(
      /line 1: not a trace event/,
    );
  });
});

describe("normaliseTrace", () => {
  it("makes times relative to the start of the run and sorts by time", () => {
    const start = 1_700_000_000_000;
    const events = normaliseTrace(
      [
        { t: start + 20.123, thread: 1, kind: "print" },
        { t: start + 10, thread: 0, kind: "thread-start" },
        { t: start + 20.123, thread: 0, kind: "print" },
      ],
      start,
    );
    expect(events.map((e) => [e.t, e.thread])).toEqual([
      [10, 0],
      [20.12, 1],
      [20.12, 0],
    ]);
  });
});
