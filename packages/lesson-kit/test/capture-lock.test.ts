import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { CaptureLockTimeout, withCaptureLock } from "../src/capture-lock.ts";

const lockModule = fileURLToPath(new URL("../src/capture-lock.ts", import.meta.url));
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "capture-lock-"));
  made.push(dir);
  return dir;
}

/** A process that takes the lock, logs enter, holds it ~`holdMs` (busy), logs exit. */
function holder(lock: string, log: string, name: string, holdMs: number) {
  const code = `
    import { appendFileSync } from "node:fs";
    import { withCaptureLock } from ${JSON.stringify(lockModule)};
    await withCaptureLock(async () => {
      appendFileSync(${JSON.stringify(log)}, "enter ${name}\\n");
      const end = Date.now() + ${holdMs};
      while (Date.now() < end) {}
      appendFileSync(${JSON.stringify(log)}, "exit ${name}\\n");
    }, { path: ${JSON.stringify(lock)}, label: "${name}" });`;
  return new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
      stdio: "inherit",
    });
    child.on("close", resolve);
  });
}

describe("the capture lock", () => {
  it("lets one process at a time through, however many start together", async () => {
    const dir = scratch();
    const lock = join(dir, "lock");
    const log = join(dir, "log");
    writeFileSync(log, "");
    const names = ["a", "b", "c", "d"];
    const codes = await Promise.all(names.map((n) => holder(lock, log, n, 150)));
    expect(codes).toEqual([0, 0, 0, 0]);
    const lines = readFileSync(log, "utf8").trim().split("\n");
    expect(lines).toHaveLength(8);
    // Strictly alternating: every enter is followed by its own exit.
    for (let i = 0; i < lines.length; i += 2) {
      const name = lines[i]!.replace("enter ", "");
      expect(lines[i + 1], `after ${lines[i]}`).toBe(`exit ${name}`);
    }
    expect(new Set(lines.filter((l) => l.startsWith("enter")))).toHaveProperty("size", 4);
  });

  it("takes over a lock left by a process that died", async () => {
    const lock = join(scratch(), "lock");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    mkdirSync(lock);
    writeFileSync(join(lock, "owner.json"), JSON.stringify({ pid: dead, label: "x", since: "" }));
    const got = await withCaptureLock(async () => "held", { path: lock, timeoutMs: 5_000 });
    expect(got).toBe("held");
  });

  it("says who holds it when waiting times out, and releases on a throw", async () => {
    const lock = join(scratch(), "lock");
    await expect(
      withCaptureLock(() => withCaptureLock(async () => 0, { path: lock, timeoutMs: 100 }), {
        path: lock,
        label: "capture of 01-first",
      }),
    ).rejects.toThrow(CaptureLockTimeout);
    const error = await withCaptureLock(
      () => withCaptureLock(async () => 0, { path: lock, timeoutMs: 100 }),
      { path: lock, label: "capture of 01-first" },
    ).catch((e: Error) => e);
    expect(String(error)).toMatch(
      new RegExp(
        `held by pid ${process.pid} \\(capture of 01-first, since .*\\); if no capture is running, remove `,
      ),
    );
    // Both holds ended (by a throw): the lock is free again.
    expect(await withCaptureLock(async () => 1, { path: lock, timeoutMs: 100 })).toBe(1);
  });
});
