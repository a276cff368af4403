import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CaptureError, capture, formatRecord, RUN_FILE } from "../src/capture.ts";
import { copyFixture } from "./helpers.ts";

describe("capture", () => {
  it("writes both programs' output and the trace to capture/run.json", async () => {
    const dir = copyFixture("01-prints");
    const returned = await capture(dir);
    const record = JSON.parse(readFileSync(join(dir, RUN_FILE), "utf8"));
    expect(record).toEqual(returned);
    expect(record.lesson).toBe("01-prints");
    expect(Date.parse(record.capturedAt)).not.toBeNaN();

    const ts = record.typescript;
    expect(ts).toMatchObject({ command: "node src/main.ts", exitCode: 0 });
    expect(ts.lines.map((l: { text: string }) => l.text)).toEqual([
      "first",
      "a warning",
      "second",
      "no newline at the end",
    ]);
    expect(ts.trace.events.map((e: { kind: string }) => e.kind)).toEqual([
      "thread-start",
      "print",
      "thread-end",
    ]);
    // Trace times and line times share one clock: ms since the run started.
    const print = ts.trace.events[1];
    const second = ts.lines[2];
    expect(print.t).toBeGreaterThan(0);
    expect(Math.abs(print.t - second.t)).toBeLessThan(100);
    expect(ts.durationMs).toBeGreaterThanOrEqual(second.t);

    expect(record.python).toMatchObject({ command: "python3 python/main.py", exitCode: 0 });
    const py = record.python.lines;
    expect(py.map((l: { text: string }) => l.text)).toEqual([
      "py first",
      "py second",
      "py no newline",
    ]);
    // Unbuffered: each line is recorded when it is written, not all at exit.
    expect(py[1].t - py[0].t).toBeGreaterThanOrEqual(140);
  });

  it("leaves out python when the lesson has no twin", async () => {
    const dir = copyFixture("02-bundles");
    writeFileSync(join(dir, "src/main.ts"), 'console.log("only ts");\n');
    const record = await capture(dir);
    expect(record.python).toBeUndefined();
    expect(record.typescript.trace.events).toEqual([]);
  });

  it("fails with the output shown, and removes a stale capture", async () => {
    const dir = copyFixture("03-fails");
    mkdirSync(join(dir, "capture"));
    writeFileSync(join(dir, RUN_FILE), "{}");
    const error = await capture(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    expect((error as Error).message).toMatch(
      /`node src\/main.ts` failed in .*03-fails:\nbefore the failure\n\[stderr\] something went wrong\n\(exit code 3/,
    );
    expect(existsSync(join(dir, RUN_FILE))).toBe(false);
  });

  it("fails a program that runs past the time limit", async () => {
    const dir = copyFixture("04-hangs");
    await expect(capture(dir, { timeoutMs: 1000 })).rejects.toThrow(
      /waiting forever\n\(timed out after/,
    );
  });

  it("refuses a folder that is not NN-slug", async () => {
    await expect(capture("/tmp/not-a-lesson")).rejects.toThrow(
      /not a lesson folder: its name must be NN-slug/,
    );
  });
});

describe("formatRecord", () => {
  it("writes JSON with one line per output line or event", () => {
    const record = {
      lesson: "01-x",
      lines: [
        { stream: "stdout", text: "hi", t: 1.5 },
        { stream: "stderr", text: "oh", t: 2 },
      ],
      trace: { events: [] },
      nested: [{ a: { b: 1 } }],
      skipped: undefined,
    };
    const text = formatRecord(record);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(record)));
    expect(text).toBe(
      [
        "{",
        '  "lesson": "01-x",',
        '  "lines": [',
        '    {"stream":"stdout","text":"hi","t":1.5},',
        '    {"stream":"stderr","text":"oh","t":2}',
        "  ],",
        '  "trace": {',
        '    "events": []',
        "  },",
        '  "nested": [',
        "    {",
        '      "a": {',
        '        "b": 1',
        "      }",
        "    }",
        "  ]",
        "}",
      ].join("\n"),
    );
  });
});
