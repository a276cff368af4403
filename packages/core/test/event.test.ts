import { describe, expect, it } from "vitest";
import { Event } from "../src/index.ts";

describe("Event", () => {
  it("starts clear; set and clear change isSet", () => {
    const event = new Event();
    expect(event.isSet()).toBe(false);
    event.set();
    expect(event.isSet()).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
  });

  it("returns true at once from wait when set", async () => {
    const event = new Event();
    event.set();
    expect(event.wait()).toBe(true);
    expect(await event.waitAsync()).toBe(true);
  });

  it("returns false from a wait that times out, and stays clear", async () => {
    const event = new Event();
    expect(event.wait(20)).toBe(false);
    expect(await event.waitAsync(20)).toBe(false);
    expect(event.isSet()).toBe(false);
  });

  it("wakes an async waiter on set", async () => {
    const event = new Event();
    const waiting = event.waitAsync(5_000);
    setTimeout(() => event.set(), 10);
    expect(await waiting).toBe(true);
  });

  it("rejects a negative timeout, naming it", () => {
    expect(() => new Event().wait(-1.5)).toThrow(
      "timeout must be a non-negative number of milliseconds, got -1.5",
    );
  });
});
