import { describe, expect, it } from "vitest";
import { startRun } from "../src/host/index.ts";
import { checkPart2, part2 } from "./part2-scenarios.ts";

for (const [group, scenarios] of Object.entries(part2)) {
  describe(`${group} in Chromium Web Workers`, () => {
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
          checkPart2(scenario, lines),
          `stdout:\n${lines.join("\n")}\nstderr:\n${errors.join("\n")}`,
        ).toEqual([]);
        expect(result.reason).toBe("finished");
      });
    }
  });
}
