import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mainSteps } from "../src/steps.ts";
import { readTraceFile } from "../src/trace.ts";

const TRACE_RUN = fileURLToPath(new URL("../src/python/trace_run.py", import.meta.url));

describe("mainSteps", () => {
  it("keeps the main thread's prints and joins, in its own order", () => {
    const e = (thread: number, kind: string, fields = {}) => ({ t: 0, thread, kind, ...fields });
    const trace = [
      e(7, "thread-start", { name: "MainThread" }),
      e(7, "print", { text: "a" }),
      e(8, "print", { text: "from a thread" }),
      e(7, "block", { op: "join", object: "Thread t" }),
      e(7, "unblock", { op: "join", object: "Thread t" }),
      e(7, "block", { op: "acquire", object: "Lock 1" }),
      e(7, "print", { text: "b" }),
    ];
    expect(mainSteps(trace)).toEqual([
      { kind: "print", text: "a" },
      { kind: "join", object: "Thread t" },
      { kind: "print", text: "b" },
    ]);
  });

  it("needs the main thread's start event", () => {
    expect(() => mainSteps([])).toThrow(/no MainThread/);
  });
});

describe("python/trace_run.py", () => {
  it("records a Python program's prints and joins as core's trace does", () => {
    const dir = mkdtempSync(join(tmpdir(), "trace-run-"));
    const program = join(dir, "main.py");
    writeFileSync(
      program,
      [
        "import sys, threading",
        "t = threading.Thread(target=lambda: print('thread'), name='t')",
        "print('before', sys.argv[1:])",
        "t.start()",
        "t.join()",
        "print('after', __name__)",
      ].join("\n"),
    );
    const file = join(dir, "trace.jsonl");
    const run = spawnSync("python3", [TRACE_RUN, program, "x"], {
      env: { ...process.env, UNRAVEL_TRACE: file },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("before ['x']\nthread\nafter __main__\n");
    expect(mainSteps(readTraceFile(file))).toEqual([
      { kind: "print", text: "before ['x']" },
      { kind: "join", object: "Thread t" },
      { kind: "print", text: "after __main__" },
    ]);
  });
});
