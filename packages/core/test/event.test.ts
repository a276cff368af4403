import { describe, expect, it } from "vitest";
import { Event } from "../src/index.ts";
import { SHARE } from "../src/thread/transfer.ts";

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

  it("returns true from a waitAsync pending at set(), though clear() came before it woke", async () => {
    const event = new Event();
    const waiting = event.waitAsync(2_000);
    event.set();
    event.clear();
    expect(await waiting).toBe(true);
    expect(event.isSet()).toBe(false);
    expect(event.wait(0)).toBe(false); // a wait that starts after the clear does not see that set
  });

  it("keeps set and clear apart when its generation count wraps past 2**31 - 1", async () => {
    const event = new Event();
    const word = new Int32Array(event[SHARE]().buffers[0]!);
    word[0] = 2 ** 31 - 1; // the last generation before the Int32 wraps, with the flag set
    expect(event.isSet()).toBe(true);
    const waiting = event.waitAsync(2_000);
    event.clear();
    expect(event.isSet()).toBe(false);
    const across = event.waitAsync(2_000);
    event.set();
    event.clear();
    expect(await across).toBe(true);
    expect(await waiting).toBe(true);
    event.set();
    expect(event.isSet()).toBe(true);
  });

  it("rejects a negative timeout, naming it", () => {
    expect(() => new Event().wait(-1.5)).toThrow(
      "timeout must be a non-negative number of milliseconds, got -1.5",
    );
  });
});
