import { describe, expect, it } from "vitest";
import { runOnNode } from "./run-node-scenarios.ts";
import { check, scenarios } from "./scenarios.ts";

describe.concurrent("on Node worker_threads", () => {
  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const { lines, report } = await runOnNode(scenario.file);
      expect(check(scenario, lines), report).toEqual([]);
    });
  }
});
