import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CaptureError, capture, formatRecord, RUN_FILE } from "../src/capture.ts";
import { conditionsNote } from "../src/machine.ts";
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

/** Writes `test/capture.ts` into a fixture copy: plain JS, no imports (the copy is outside the workspace). */
function declare(dir: string, source: string): void {
  mkdirSync(join(dir, "test"), { recursive: true });
  writeFileSync(join(dir, "test/capture.ts"), source);
}

describe("capture, representative runs", () => {
  it("records the machine and the load each run ran at", async () => {
    const record = await capture(copyFixture("01-prints"));
    expect(record.conditions.machine.cores).toBeGreaterThan(0);
    expect(record.conditions.machine.node).toBe(process.version);
    expect(record.conditions.machine.python).toMatch(/^Python 3\./);
    expect(record.conditions.exclusive).toBe(true);
    expect(record.conditions.waitedMs).toBeGreaterThanOrEqual(0);
    for (const run of [record.typescript, record.python!]) {
      expect(run.load.before).toHaveLength(3);
      expect(run.load.after).toHaveLength(3);
    }
    expect(record.representative).toEqual({
      checks: { typescript: [], python: [] },
      attempts: 2,
      rejected: [],
      pending: [],
    });
  });

  it("says under a captured output the cores and the load it ran at, and when that was busy", async () => {
    const record = await capture(copyFixture("01-prints"));
    // The page's caption from a real record: its own cores and loads, in words.
    const [before, after] = [record.typescript.load.before[0], record.typescript.load.after[0]];
    const note = conditionsNote(record, record.typescript)!;
    expect(note).toMatch(
      new RegExp(`^It ran on ${record.conditions.machine.cores} cores? at a load of ${before}`),
    );
    if (after !== before) expect(note).toContain(`; ${after} by its end)`);
    const at = (cores: number, before: number, after: number) =>
      conditionsNote(
        { conditions: { machine: { cores } } },
        { load: { before: [before, 0, 0], after: [after, 0, 0] } },
      );
    expect(at(2, 0.4, 0.4)).toBe(
      "It ran on 2 cores at a load of 0.4 (threads wanting a core, averaged over a minute).",
    );
    expect(at(2, 17.42, 18.1)).toBe(
      "It ran on 2 cores at a load of 17.42 (threads wanting a core, averaged over a minute; 18.1 by its end): busier than its cores, so every time it shows is other programs' as much as its own.",
    );
    expect(at(4, 1, 4)).toMatch(/: busier than its cores/); // busy by its end counts
    // A run.json from before the load was recorded: nothing is claimed.
    expect(conditionsNote({}, {})).toBeNull();
  });

  it("fails a run that misses its declaration, saying why, after the given runs, and publishes nothing", async () => {
    const dir = copyFixture("01-prints");
    declare(
      dir,
      `export default {
        typescript: {
          "prints third after 500 ms": (run) =>
            run.texts.includes("third") ? undefined : \`printed \${run.texts.length} lines, no "third"\`,
          "prints first": (run) => (run.texts[0] === "first" ? undefined : "no"),
        },
      };`,
    );
    mkdirSync(join(dir, "capture"));
    writeFileSync(join(dir, RUN_FILE), "{}");
    const error = await capture(dir, { attempts: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    const lines = (error as Error).message.split("\n");
    expect(lines[0]).toBe(
      "01-prints: the captured run is not representative, so it was not published (no capture/run.json).",
    );
    expect(lines.slice(1, 5)).toEqual([
      "test/capture.ts says `node src/main.ts` must show:",
      "  - prints third after 500 ms",
      "  - prints first",
      "2 runs made, none showed it all:",
    ]);
    for (const n of [1, 2]) {
      expect(lines[4 + n]).toMatch(
        new RegExp(
          `^  \`node src/main.ts\` run ${n} \\(load [\\d.]+, \\d+ cores, \\d+ ms\\): prints third after 500 ms: printed 3 lines, no "third"$`,
        ),
      );
    }
    expect(lines.at(-1)).toMatch(
      /run it again when the machine is quieter \(pnpm --filter @unravel\/lesson-prints run capture\)/,
    );
    expect(existsSync(join(dir, RUN_FILE))).toBe(false);
  });

  it("publishes a later run that shows it, and records the refused one", async () => {
    const dir = copyFixture("01-prints");
    // Refuses the first run only: the module is loaded once per capture.
    declare(
      dir,
      `let runs = 0;
      export default {
        python: { "a second run": () => (++runs === 1 ? "the first run" : undefined) },
      };`,
    );
    const record = await capture(dir);
    expect(record.representative.checks).toEqual({ typescript: [], python: ["a second run"] });
    expect(record.representative.attempts).toBe(3); // one TypeScript run, two Python runs
    expect(record.representative.rejected).toEqual([
      expect.stringMatching(
        /^`python3 python\/main.py` run 1 \(load .*\): a second run: the first run$/,
      ),
    ]);
    expect(JSON.parse(readFileSync(join(dir, RUN_FILE), "utf8"))).toEqual(record);
  });

  it("gives a check the run's lines and trace, with times since the run started", async () => {
    const dir = copyFixture("01-prints");
    declare(
      dir,
      `export default {
        attempts: 1,
        typescript: {
          "sees the trace": (run) => {
            const kinds = run.events.map((e) => e.kind).join(",");
            if (kinds !== "thread-start,print,thread-end") return kinds;
            const second = run.lines.find((l) => l.text === "second");
            if (!(second.t >= 140)) return "second at " + second.t;
            if (run.lines.some((l) => l.text === "a warning")) return "stderr among the lines";
          },
        },
        python: { "has no trace": (run) => (run.events.length === 0 && run.texts[0] === "py first" ? undefined : "?") },
      };`,
    );
    const record = await capture(dir);
    expect(record.representative.rejected).toEqual([]);
  });

  it("publishes a run that misses only a pending check, after trying for one that shows it", async () => {
    const dir = copyFixture("01-prints");
    declare(
      dir,
      `export default {
        typescript: {
          "prints a fourth line": { check: (run) => \`\${run.texts.length} lines\`, pending: "needs issue 99" },
          "prints first": { check: (run) => undefined, pending: "met already" },
        },
      };`,
    );
    const record = await capture(dir);
    expect(record.representative.attempts).toBe(4); // three TypeScript runs, one Python run
    // Run 1 is published (the first that passed every enforced check); 2 and 3 were tried for better.
    expect(record.representative.rejected).toEqual([
      expect.stringMatching(
        /^`node src\/main.ts` run 2 .*: prints a fourth line \(pending\): 3 lines$/,
      ),
      expect.stringMatching(
        /^`node src\/main.ts` run 3 .*: prints a fourth line \(pending\): 3 lines$/,
      ),
    ]);
    expect(record.representative.pending).toEqual([
      {
        language: "typescript",
        check: "prints a fourth line",
        pending: "needs issue 99",
        seen: "3 lines",
      },
      { language: "typescript", check: "prints first", pending: "met already", seen: null },
    ]);
    expect(existsSync(join(dir, RUN_FILE))).toBe(true);
  });

  it("prefers a later run that passes a pending check too", async () => {
    const dir = copyFixture("01-prints");
    declare(
      dir,
      `let runs = 0;
      export default {
        typescript: { "a second run": { check: () => (++runs === 1 ? "the first run" : undefined), pending: "flaky" } },
      };`,
    );
    const record = await capture(dir);
    expect(record.representative.attempts).toBe(3);
    expect(record.representative.rejected).toEqual([
      expect.stringMatching(
        /^`node src\/main.ts` run 1 .*: a second run \(pending\): the first run$/,
      ),
    ]);
    expect(record.representative.pending).toEqual([
      { language: "typescript", check: "a second run", pending: "flaky", seen: null },
    ]);
  });

  it("names a declaration that is not one", async () => {
    const dir = copyFixture("01-prints");
    declare(dir, `export default { typescript: { "x": 1 }, retries: 2 };`);
    await expect(capture(dir)).rejects.toThrow(
      /^01-prints: .*test\/capture.ts: typescript\["x"\] is not a function$/,
    );
    const other = copyFixture("01-prints"); // a new path: the first file's module is cached
    declare(other, `export const checks = {};`);
    await expect(capture(other)).rejects.toThrow(
      /test\/capture.ts: no default export; write export default defineCapture/,
    );
  });
});
