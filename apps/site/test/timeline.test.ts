import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../src/lib/capture.ts";
import {
  buildTimeline,
  describeTimeline,
  GEOMETRY,
  mergeSpans,
  niceStep,
  renderTimelineSvg,
  renderTimelineTable,
  scaleX,
} from "../src/lib/timeline.ts";

const ev = (
  t: number,
  thread: number,
  kind: string,
  extra: Partial<TraceEvent> = {},
): TraceEvent => ({
  t,
  thread,
  kind,
  ...extra,
});

const joinRun: TraceEvent[] = [
  ev(1000, 1, "thread-start", { name: "MainThread" }),
  ev(1002, 1, "block", { object: "Thread t1", op: "join" }),
  ev(1010, 2, "thread-start", { name: "t1" }),
  ev(1012, 2, "acquire", { object: "Lock 1" }),
  ev(1015, 2, "print", { text: "hello" }),
  ev(1016, 2, "release", { object: "Lock 1" }),
  ev(1017, 2, "signal", { object: "Event 1", op: "set" }),
  ev(1018, 2, "thread-end"),
  ev(1019, 1, "unblock", { object: "Thread t1", op: "join", ok: true }),
  ev(1020, 1, "thread-end"),
];

describe("buildTimeline", () => {
  it("makes one lane per thread, in order of start, with times from the first event", () => {
    const tl = buildTimeline(joinRun);
    expect(tl.duration).toBe(20);
    expect(tl.lanes.map((l) => [l.label, l.start, l.end])).toEqual([
      ["MainThread", 0, 20],
      ["t1", 10, 18],
    ]);
  });

  it("pairs block with unblock as waiting and acquire with release as holding", () => {
    const [main, t1] = buildTimeline(joinRun).lanes;
    expect(main!.spans).toMatchObject([
      { kind: "wait", from: 2, to: 19, object: "Thread t1", op: "join" },
    ]);
    expect(t1!.spans).toMatchObject([{ kind: "hold", from: 12, to: 16, object: "Lock 1" }]);
    expect(t1!.marks).toEqual([
      { kind: "print", at: 15, text: "hello" },
      { kind: "signal", at: 17, text: "Event 1 set" },
    ]);
  });

  it("sorts events by time, whatever order they arrive in", () => {
    const shuffled = [...joinRun].reverse();
    expect(buildTimeline(shuffled)).toEqual(buildTimeline(joinRun));
  });

  it("closes a wait still open at the end at the thread's end, and marks timeouts", () => {
    const tl = buildTimeline([
      ev(0, 1, "thread-start", { name: "a" }),
      ev(1, 1, "block", { object: "Event 1", op: "wait" }),
      ev(5, 1, "unblock", { object: "Event 1", op: "wait", ok: false }),
      ev(6, 1, "block", { object: "Lock 1", op: "acquire" }),
      ev(9, 1, "thread-end", { error: "RuntimeError: boom" }),
    ]);
    const [a] = tl.lanes;
    expect(a!.spans).toMatchObject([
      { kind: "wait", from: 1, to: 5, ok: false },
      { kind: "wait", from: 6, to: 9, open: true },
    ]);
    expect(a!.error).toBe("RuntimeError: boom");
  });

  it("keeps re-entrant holds nested", () => {
    const tl = buildTimeline([
      ev(0, 1, "acquire", { object: "RLock 1" }),
      ev(1, 1, "acquire", { object: "RLock 1" }),
      ev(2, 1, "release", { object: "RLock 1" }),
      ev(3, 1, "release", { object: "RLock 1" }),
    ]);
    expect(tl.lanes[0]!.spans.map((s) => [s.from, s.to])).toEqual([
      [0, 3],
      [1, 2],
    ]);
  });

  it("notes where a thread hit the trace's detail limit, in the drawing and in words", () => {
    const tl = buildTimeline([
      ev(0, 1, "thread-start", { name: "Thread-1 (worker)" }),
      ev(4, 1, "limit"),
      ev(9, 1, "thread-end"),
    ]);
    expect(tl.lanes[0]!.limit).toBe(4);
    const svg = renderTimelineSvg(tl);
    expect(svg).toContain('class="tl-limit"');
    expect(svg).toContain(">Thread-1<");
    expect(svg).toContain(">(worker)<");
    expect(describeTimeline(tl)[0]!.did).toContain(
      "after 4 ms, its lock, event and queue detail is not recorded (trace limit)",
    );
  });

  it("draws nothing for no events", () => {
    expect(buildTimeline([])).toEqual({ duration: 0, lanes: [] });
  });
});

describe("mergeSpans", () => {
  it("merges spans of one kind and object closer than epsilon, and counts them", () => {
    const spans = Array.from({ length: 1000 }, (_, i) => ({
      kind: "hold" as const,
      from: i * 0.01,
      to: i * 0.01 + 0.005,
      object: "Lock 1",
      op: "hold",
      count: 1,
    }));
    const merged = mergeSpans(spans, 0.1);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ from: 0, count: 1000 });
  });

  it("keeps spans apart when the gap is wider than epsilon or the object differs", () => {
    const base = { kind: "hold" as const, op: "hold", count: 1 };
    const merged = mergeSpans(
      [
        { ...base, from: 0, to: 1, object: "Lock 1" },
        { ...base, from: 5, to: 6, object: "Lock 1" },
        { ...base, from: 1.01, to: 2, object: "Lock 2" },
      ],
      0.5,
    );
    expect(merged).toHaveLength(3);
  });
});

describe("axis", () => {
  it("picks 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(20)).toBe(5);
    expect(niceStep(190)).toBe(50);
    expect(niceStep(0.9)).toBe(0.2);
    expect(niceStep(0)).toBe(1);
  });

  it("maps the run onto the drawing area and clamps outside it", () => {
    const x = scaleX(100);
    expect(x(0)).toBe(GEOMETRY.labelWidth);
    expect(x(100)).toBe(GEOMETRY.width - GEOMETRY.padRight);
    expect(x(-5)).toBe(x(0));
    expect(x(500)).toBe(x(100));
  });
});

describe("renderTimelineSvg", () => {
  it("draws a labelled SVG with one lane per thread and escapes text", () => {
    const svg = renderTimelineSvg(
      buildTimeline([...joinRun, ev(1015.5, 2, "print", { text: "<b>&" })]),
      { id: "x" },
    );
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="x-title"/);
    expect(svg.match(/class="tl-lane/g)).toHaveLength(2);
    expect(svg).toContain("&lt;b&gt;&amp;");
    expect(svg).not.toContain("<b>");
  });
});

describe("describeTimeline", () => {
  it("says in words what each thread did", () => {
    const rows = describeTimeline(buildTimeline(joinRun));
    expect(rows[0]).toMatchObject({ label: "MainThread", start: "0 ms", end: "20 ms" });
    expect(rows[0]!.did).toContain("waits for Thread t1 to end (join) 17 ms in all");
    expect(rows[1]!.did).toEqual([
      "prints “hello” at 15 ms",
      "holds Lock 1 4 ms in all",
      "Event 1 set",
    ]);
  });
});

describe("renderTimelineTable", () => {
  it("has one row per thread, headed by its name, with the text escaped", () => {
    const html = renderTimelineTable(
      buildTimeline([...joinRun, ev(1016, 2, "print", { text: "a<b" })]),
    );
    expect(html.match(/<th scope="row">/g)).toHaveLength(2);
    expect(html).toContain('<th scope="row">MainThread</th>');
    expect(html).toContain("prints “a&lt;b”");
  });
});
