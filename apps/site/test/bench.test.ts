import * as bench from "@unravel/bench/format";
import { describe, expect, it } from "vitest";
import {
  type BenchRow,
  formatValue,
  renderBenchSvg,
  status,
  targetRatio,
} from "../src/lib/bench.ts";

const row = (over: Partial<BenchRow>): BenchRow => ({
  figure: "f",
  unit: "ns",
  ours: 300,
  baseline: "b",
  baselineValue: 100,
  ratio: 1 / 3,
  target: "cost ≤ 1.2× b",
  targetRatio: 1 / 1.2,
  met: false,
  verdict: "MISSED",
  ...over,
});

describe("the bench page's data", () => {
  it("shows figures with the bench package's own code, not a copy", () => {
    expect(formatValue).toBe(bench.formatValue);
    expect(status).toBe(bench.status);
  });

  it("draws a target's tick where the bench recorded its ratio", () => {
    const r = row({});
    expect(targetRatio(r)).toBeCloseTo(1 / 1.2);
    // The tick: a bench-target line, at the x of 1/1.2 on the log scale.
    expect(renderBenchSvg([r], { id: "t", title: "t" })).toMatch(/class="bench-target" x1="/);
    expect(
      renderBenchSvg([row({ target: null, targetRatio: null })], { id: "t", title: "t" }),
    ).not.toContain("bench-target");
  });
});
