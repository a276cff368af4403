/**
 * What every lock-like primitive must do on a single thread, written once and
 * bound to each implementation (CPython's `BaseLockTests`, in Vitest).
 */
import { describe, expect, it } from "vitest";

export interface LockLike {
  acquire(options?: { blocking?: boolean; timeout?: number }): boolean;
  acquireAsync(options?: { timeout?: number }): Promise<boolean>;
  release(): void;
  locked(): boolean;
  hold(): Disposable;
  holdAsync(): Promise<Disposable>;
}

export function defineLockContract(name: string, make: () => LockLike): void {
  describe(`${name}: the lock contract`, () => {
    it("starts unlocked, locks on acquire and unlocks on release", () => {
      const lock = make();
      expect(lock.locked()).toBe(false);
      expect(lock.acquire()).toBe(true);
      expect(lock.locked()).toBe(true);
      lock.release();
      expect(lock.locked()).toBe(false);
    });

    it("releases on leaving a `using` block, even when the block throws", () => {
      const lock = make();
      expect(() => {
        using _held = lock.hold();
        expect(lock.locked()).toBe(true);
        throw new Error("boom");
      }).toThrow("boom");
      expect(lock.locked()).toBe(false);
    });

    it("refuses to release when unlocked, with a RuntimeError, and stays unlocked", () => {
      const lock = make();
      expect(() => lock.release()).toThrow(expect.objectContaining({ name: "RuntimeError" }));
      expect(lock.locked()).toBe(false);
    });

    it("rejects bad options with errors that name them", () => {
      const lock = make();
      expect(() => lock.acquire({ timeout: -5 })).toThrow(
        "options.timeout must be a non-negative number of milliseconds, got -5",
      );
      expect(() => lock.acquire({ timeout: Number.NaN })).toThrow(
        "options.timeout must be a number of milliseconds, got number NaN",
      );
      expect(() => lock.acquire({ blocking: false, timeout: 10 })).toThrow(
        "options.timeout cannot be given with blocking: false",
      );
      expect(() => lock.acquire({ blocking: "no" as unknown as boolean })).toThrow(
        "options.blocking must be a boolean",
      );
      expect(lock.locked()).toBe(false);
    });

    it("acquires async with holdAsync and releases on dispose", async () => {
      const lock = make();
      {
        using _held = await lock.holdAsync();
        expect(lock.locked()).toBe(true);
      }
      expect(lock.locked()).toBe(false);
    });
  });
}

/** The contract of a lock that its holder cannot take again (Lock, not RLock). */
export function defineNonReentrantContract(name: string, make: () => LockLike): void {
  describe(`${name}: not re-entrant`, () => {
    it("fails a non-blocking acquire while held, and times out a timed one", async () => {
      const lock = make();
      lock.acquire();
      expect(lock.acquire({ blocking: false })).toBe(false);
      const started = performance.now();
      expect(lock.acquire({ timeout: 30 })).toBe(false);
      expect(performance.now() - started).toBeGreaterThanOrEqual(25); // CPython accepts wide tolerances too
      expect(await lock.acquireAsync({ timeout: 20 })).toBe(false);
      expect(lock.locked()).toBe(true);
      lock.release();
      expect(lock.acquire({ timeout: 0 })).toBe(true);
      lock.release();
    });
  });
}
