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
    // Each stream in order; how two pipes' lines mix is up to timing.
    const text = (stream: string) =>
      ts.lines
        .filter((l: { stream: string }) => l.stream === stream)
        .map((l: { text: string }) => l.text);
    expect(text("stdout")).toEqual(["first", "second", "no newline at the end"]);
    expect(text("stderr")).toEqual(["a warning"]);
    expect(ts.trace.events.map((e: { kind: string }) => e.kind)).toEqual([
      "thread-start",
      "print",
      "thread-end",
    ]);
    // Trace times and line times share one clock, ms since the run
    // started: the print event follows a 150 ms timer, and the exit.
    const print = ts.trace.events[1];
    expect(print.t).toBeGreaterThanOrEqual(140);
    expect(print.t).toBeLessThanOrEqual(ts.durationMs);
    const second = ts.lines.find((l: { text: string }) => l.text === "second");
    expect(second.t).toBeGreaterThanOrEqual(140);

    expect(record.python).toMatchObject({ command: "python3 python/main.py", exitCode: 0 });
    const py = record.python.lines;
    expect(py.map((l: { text: string }) => l.text)).toEqual([
      "py first",
      "py second",
      "py no newline",
    ]);
    // Printed after time.sleep(0.15): it cannot arrive sooner.
    expect(py[1].t).toBeGreaterThanOrEqual(140);
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
    const message = (error as Error).message;
    expect(message).toMatch(/^`node src\/main.ts` failed in .*03-fails:\n/);
    expect(message).toContain("\nbefore the failure\n");
    expect(message).toContain("\n[stderr] something went wrong\n");
    expect(message).toMatch(/\(exit code 3 after \d+ ms\)$/);
    expect(existsSync(join(dir, RUN_FILE))).toBe(false);
  });

  it("fails a program that runs past the time limit", async () => {
    const dir = copyFixture("04-hangs");
    // Whether it printed its line before the limit depends on how
    // fast it started; the failure and its output are what count.
    await expect(capture(dir, { timeoutMs: 1000 })).rejects.toThrow(
      /failed in .*04-hangs:\n(waiting forever\n)?\(timed out after \d+ ms\)$/,
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
