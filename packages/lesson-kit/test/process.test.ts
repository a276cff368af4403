import { describe, expect, it } from "vitest";
import { formatRun, runProcess } from "../src/process.ts";
import { copyFixture } from "./helpers.ts";

describe("runProcess", () => {
  it("records every line with its stream, in order, timed from the start", async () => {
    const dir = copyFixture("01-prints");
    const run = await runProcess(process.execPath, ["src/main.ts"], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.timedOut).toBe(false);
    // Each stream in order; how two pipes' lines mix is up to timing.
    const text = (stream: string) =>
      run.lines.filter((l) => l.stream === stream).map((l) => l.text);
    expect(text("stdout")).toEqual(["first", "second", "no newline at the end"]);
    expect(text("stderr")).toEqual(["a warning"]);
    // Lines are kept in the order they arrived.
    const times = run.lines.map((l) => l.t);
    expect(times).toEqual(times.toSorted((a, b) => a - b));
    // Printed after a 150 ms timer: it cannot arrive sooner.
    const second = run.lines.find((l) => l.text === "second")!;
    expect(second.t).toBeGreaterThanOrEqual(140);
    expect(run.durationMs).toBeGreaterThanOrEqual(second.t);
  });

  it("reports a failing program's exit code and keeps its output", async () => {
    const run = await runProcess(process.execPath, ["src/main.ts"], {
      cwd: copyFixture("03-fails"),
    });
    expect(run.exitCode).toBe(3);
    const shown = formatRun(run).split("\n");
    expect(shown.slice(0, 2).sort()).toEqual([
      "[stderr] something went wrong",
      "before the failure",
    ]);
    expect(shown[2]).toBe(`(exit code 3 after ${Math.round(run.durationMs)} ms)`);
  });

  it("kills a program that runs past its timeout", async () => {
    const run = await runProcess(process.execPath, ["src/main.ts"], {
      cwd: copyFixture("04-hangs"),
      timeoutMs: 1000,
    });
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe("SIGKILL");
    // It may or may not have started far enough to print its line.
    const printed = run.lines.map((l) => l.text);
    expect(["", "waiting forever"]).toContain(printed.join(""));
    expect(formatRun(run)).toMatch(/\(timed out after \d+ ms\)$/);
  });

  it("rejects when the program cannot be started", async () => {
    await expect(runProcess("no-such-program-xyz", [], { cwd: "." })).rejects.toThrow(
      /could not start no-such-program-xyz/,
    );
  });
});
