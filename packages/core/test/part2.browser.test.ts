import { describe, expect, it } from "vitest";
import { checkPart2, part2 } from "./part2-scenarios.ts";
import { runInBrowser } from "./run-browser-scenario.ts";

for (const [group, scenarios] of Object.entries(part2)) {
  describe(`${group} in Chromium Web Workers`, () => {
    for (const scenario of scenarios) {
      it(scenario.title, async () => {
        const { lines, report, result } = await runInBrowser(scenario.file);
        expect(checkPart2(scenario, lines), report).toEqual([]);
        expect(result.reason).toBe("finished");
      });
    }
  });
}
