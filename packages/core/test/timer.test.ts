import { describe, expect, it } from "vitest";
import { Thread, Timer } from "../src/index.ts";
import { runScenariosOnNode } from "./run-node-scenarios.ts";

function ring(): void {}

describe("Timer on one thread", () => {
  it("is a Thread named after its function", () => {
    const timer = new Timer(10, ring);
    expect(timer).toBeInstanceOf(Thread);
    expect(timer.name).toMatch(/^Thread-\d+ \(ring\)$/);
    timer.cancel(); // before start: harmless
  });

  it("names bad arguments", () => {
    expect(() => new Timer(-1, ring)).toThrow(
      new RangeError("interval must be a non-negative number of milliseconds, got -1"),
    );
    expect(() => new Timer(undefined as never, ring)).toThrow(TypeError);
    expect(() => new Timer(10, "ring" as never)).toThrow(new TypeError("fn must be a function"));
    expect(() => new Timer(10, ring, 1 as never)).toThrow(
      new TypeError("args must be an array of arguments"),
    );
  });
});

runScenariosOnNode("timer");
