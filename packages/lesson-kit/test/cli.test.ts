import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { copyFixture } from "./helpers.ts";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });

describe("unravel-lesson", () => {
  it("captures and bundles the lesson it runs in", () => {
    const dir = copyFixture("01-prints");
    const captured = run(dir, "capture");
    expect(captured.stdout).toMatch(
      /^captured 01-prints: 4 lines, 3 trace events, 3 Python lines; 0 representativeness checks passed \(2 runs, waited \d+\.\d s for other captures, load [\d.]+ on \d+ cores\)\n$/,
    );
    expect(captured.status).toBe(0);
    expect(existsSync(join(dir, "capture/run.json"))).toBe(true);

    const bundleDir = copyFixture("02-bundles");
    const bundled = run(bundleDir, "bundle");
    expect(bundled.status).toBe(0);
    expect(existsSync(join(bundleDir, "capture/browser/main.js"))).toBe(true);
  });

  it("fails a capture with the lesson's output", () => {
    const result = run(copyFixture("03-fails"), "capture");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("before the failure\n");
    expect(result.stderr).toContain("[stderr] something went wrong\n");
    expect(result.stderr).toMatch(/\(exit code 3 after \d+ ms\)\n$/);
  });

  it("names a bad command and shows the usage", () => {
    const result = run(copyFixture("01-prints"), "captur");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command: captur\n\nusage: unravel-lesson <command>/);
  });
});
