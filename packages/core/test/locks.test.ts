import { describe, expect, it } from "vitest";
import { Lock, RLock } from "../src/index.ts";
import { defineLockContract, defineNonReentrantContract } from "./lock-contract.ts";

defineLockContract("Lock", () => new Lock());
defineNonReentrantContract("Lock", () => new Lock());
defineLockContract("RLock", () => new RLock());

describe("Lock", () => {
  it("may be released by a thread that did not acquire it (Python semantics)", () => {
    // On one thread this shows the rule directly: release does not check an owner.
    const lock = new Lock();
    lock.acquire();
    lock.release();
    expect(lock.locked()).toBe(false);
  });
});

describe("RLock", () => {
  it("re-enters for its owner and needs one release per acquire", () => {
    const rlock = new RLock();
    expect(rlock.acquire()).toBe(true);
    expect(rlock.acquire({ blocking: false })).toBe(true);
    rlock.release();
    expect(rlock.locked()).toBe(true);
    rlock.release();
    expect(rlock.locked()).toBe(false);
  });

  it("says 'cannot release un-acquired lock' when released by a non-owner", () => {
    expect(() => new RLock().release()).toThrow("cannot release un-acquired lock");
  });
});
