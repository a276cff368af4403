import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { check, scenarios } from "./scenarios.ts";

const run = promisify(execFile);

describe.concurrent("on Node worker_threads", () => {
  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const file = fileURLToPath(new URL(`./scenarios/${scenario.file}`, import.meta.url));
      const { stdout, stderr } = await run(process.execPath, [file], { timeout: 60_000 });
      const lines = stdout.split("\n").filter(Boolean);
      expect(check(scenario, lines), `stdout:\n${stdout}\nstderr:\n${stderr}`).toEqual([]);
    });
  }
});
