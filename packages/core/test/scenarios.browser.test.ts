import { describe, expect, it } from "vitest";
import { startRun } from "../src/host/index.ts";
import { check, scenarios } from "./scenarios.ts";

describe("in Chromium Web Workers", () => {
  it("runs on a cross-origin isolated page", () => {
    expect(crossOriginIsolated).toBe(true);
  });

  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const lines: string[] = [];
      const errors: string[] = [];
      const run = startRun(`/scenarios/${scenario.file.replace(/\.ts$/, ".js")}`, {
        onLine: (line) => (line.stream === "stdout" ? lines : errors).push(line.text),
        timeoutMs: 50_000,
      });
      const result = await run.done;
      expect(
        check(scenario, lines),
        `stdout:\n${lines.join("\n")}\nstderr:\n${errors.join("\n")}`,
      ).toEqual([]);
      expect(result.reason).toBe("finished");
    });
  }
});
