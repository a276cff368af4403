// src/raw.ts is the lesson's lock with no library (Node only, so the
// page cannot Run it): it must count exactly, and the copy of it in
// lesson.md must be the file itself.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const file = (name: string) =>
  new URL(`../${name}`, import.meta.url);

describe("src/raw.ts, the lock without the library", () => {
  it("counts every addition of its four workers", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [file("src/raw.ts").pathname],
      { timeout: 60_000 },
    );
    expect(stderr).toBe("");
    const m = /^raw: (\d+) of (\d+)\n$/.exec(stdout);
    expect(m, stdout).not.toBeNull();
    expect(Number(m![1])).toBe(Number(m![2]));
  }, 90_000);

  it("is shown whole in lesson.md", () => {
    const raw = readFileSync(file("src/raw.ts"), "utf8");
    const prose = readFileSync(file("lesson.md"), "utf8");
    expect(prose).toContain(`\`\`\`ts\n${raw}\`\`\``);
  });
});
