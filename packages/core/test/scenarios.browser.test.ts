import { describe, expect, it } from "vitest";
import { runInBrowser } from "./run-browser-scenario.ts";
import { check, scenarios } from "./scenarios.ts";

describe("in Chromium Web Workers", () => {
  it("runs on a cross-origin isolated page", () => {
    expect(crossOriginIsolated).toBe(true);
  });

  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const { lines, report, result } = await runInBrowser(scenario.file);
      expect(check(scenario, lines), report).toEqual([]);
      expect(result.reason).toBe("finished");
    });
  }
});
