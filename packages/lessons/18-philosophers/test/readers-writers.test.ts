// src/readers-writers.ts, the second program the lesson shows: a real
// run must keep test/readers-writers.ts's checks, and the copy in
// lesson.md must be the file itself.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { judge } from "@unravel/lesson-kit/check";
import { describe, expect, it } from "vitest";
import { checks } from "./readers-writers.ts";

const file = (name: string) =>
  new URL(`../${name}`, import.meta.url);

describe("src/readers-writers.ts", () => {
  it("keeps its checks on a real run", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [file("src/readers-writers.ts").pathname],
      { timeout: 60_000 },
    );
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    const failed = judge(checks, {
      lines,
      language: "typescript",
    }).filter((v) => !v.passed);
    expect(failed, stdout).toEqual([]);
  }, 90_000);

  it("is shown whole in lesson.md", () => {
    const code = readFileSync(
      file("src/readers-writers.ts"),
      "utf8",
    );
    const prose = readFileSync(file("lesson.md"), "utf8");
    expect(prose).toContain(`\`\`\`ts\n${code}\`\`\``);
  });
});
