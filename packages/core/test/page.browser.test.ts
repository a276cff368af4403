// On the page's own thread, which may not block: every blocking call names its async twin.
import { describe, expect, it } from "vitest";
import { Event, Lock, main, sleep, sleepAsync, Thread } from "../src/index.ts";

function work(): void {}

describe("on a browser page's main thread", () => {
  it("refuses to block, naming the async twin", async () => {
    const lock = new Lock();
    lock.acquire(); // free: does not block
    expect(() => lock.acquire()).toThrow(
      "lock.acquire() blocks, and this thread (a browser page's main thread) may not block. Use await lock.acquireAsync() instead, or run this code in a thread.",
    );
    expect(() => new Event().wait()).toThrow("Use await event.waitAsync() instead");
    expect(() => sleep(1)).toThrow("Use await sleepAsync() instead");
    expect(await lock.acquireAsync({ timeout: 10 })).toBe(false);
    await sleepAsync(1);
  });

  it("does not start threads itself, and says to use startRun", () => {
    main(import.meta, () => {});
    expect(() => new Thread({ target: work }).start()).toThrow(
      /startRun\(\) from @unravel\/core\/host/,
    );
  });
});
