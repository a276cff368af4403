import { describe, expect, it } from "vitest";
import { formatRun, runProcess } from "../src/process.ts";
import { copyFixture } from "./helpers.ts";

describe("runProcess", () => {
  it("records every line with its stream, in order, timed from the start", async () => {
    const dir = copyFixture("01-prints");
    const run = await runProcess(process.execPath, ["src/main.ts"], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.timedOut).toBe(false);
    expect(run.lines.map(({ stream, text }) => [stream, text])).toEqual([
      ["stdout", "first"],
      ["stderr", "a warning"],
      ["stdout", "second"],
      ["stdout", "no newline at the end"],
    ]);
    const [first, , second] = run.lines;
    // The program waits 150 ms between its two lines; timers never fire early.
    expect(second!.t - first!.t).toBeGreaterThanOrEqual(140);
    expect(run.durationMs).toBeGreaterThanOrEqual(second!.t);
  });

  it("reports a failing program's exit code and keeps its output", async () => {
    const run = await runProcess(process.execPath, ["src/main.ts"], {
      cwd: copyFixture("03-fails"),
    });
    expect(run.exitCode).toBe(3);
    expect(formatRun(run)).toBe(
      "before the failure\n[stderr] something went wrong\n" +
        `(exit code 3 after ${Math.round(run.durationMs)} ms)`,
    );
  });

  it("kills a program that runs past its timeout", async () => {
    const run = await runProcess(process.execPath, ["src/main.ts"], {
      cwd: copyFixture("04-hangs"),
      timeoutMs: 1000,
    });
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe("SIGKILL");
    expect(run.lines.map((l) => l.text)).toEqual(["waiting forever"]);
    expect(formatRun(run)).toMatch(/\(timed out after \d+ ms\)$/);
  });

  it("rejects when the program cannot be started", async () => {
    await expect(runProcess("no-such-program-xyz", [], { cwd: "." })).rejects.toThrow(
      /could not start no-such-program-xyz/,
    );
  });
});
