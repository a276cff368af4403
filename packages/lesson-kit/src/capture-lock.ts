/**
 * One capture at a time on a machine: a lesson's captured run must not share
 * the cores with eight other lessons' runs, or its timeline shows the
 * machine's queue instead of the lesson. Turbo starts every lesson's
 * `capture` task at once; each takes this lock around its runs, so the runs
 * happen one after another while the rest (bundling, turbo itself) goes on.
 *
 * The lock is a directory (mkdir is atomic) holding `owner.json` with the
 * holder's pid. A holder that died leaves it behind; a waiter that finds the
 * owner's process gone renames the directory away (only one rename can win)
 * and takes the lock.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CaptureLockOptions {
  /** The lock's directory. @default $UNRAVEL_CAPTURE_LOCK or <tmpdir>/unravel-capture.lock */
  path?: string;
  /** Give up waiting after this long. @default 600000 */
  timeoutMs?: number;
  /** What the holder is doing, for a waiter's message (e.g. the lesson). */
  label?: string;
}

export interface LockHold {
  /** How long this capture waited for others to finish. */
  waitedMs: number;
}

interface Owner {
  pid: number;
  label: string;
  since: string;
}

const POLL_MS = 25;
// An owner file is written right after the mkdir; a lock with none after this long is a crash's.
const NO_OWNER_STALE_MS = 10_000;

export class CaptureLockTimeout extends Error {
  override name = "CaptureLockTimeout";
}

export function defaultLockPath(): string {
  return process.env.UNRAVEL_CAPTURE_LOCK || join(tmpdir(), "unravel-capture.lock");
}

/** Runs `fn` holding the machine's capture lock; waits (polling) while another capture holds it. */
export async function withCaptureLock<T>(
  fn: (hold: LockHold) => Promise<T>,
  options: CaptureLockOptions = {},
): Promise<T> {
  const path = options.path ?? defaultLockPath();
  const timeoutMs = options.timeoutMs ?? 600_000;
  const started = performance.now();
  for (;;) {
    if (tryTake(path, options.label ?? "a capture")) break;
    const owner = readOwner(path);
    if (owner && !alive(owner.pid)) {
      takeOverStale(path, owner);
      continue;
    }
    if (!owner && ageMs(path) > NO_OWNER_STALE_MS) {
      takeOverStale(path, null);
      continue;
    }
    const waited = performance.now() - started;
    if (waited > timeoutMs) {
      const who = owner ? `pid ${owner.pid} (${owner.label}, since ${owner.since})` : "a process";
      throw new CaptureLockTimeout(
        `waited ${Math.round(waited / 1000)} s for the capture lock ${path}, held by ${who}; ` +
          `if no capture is running, remove ${path}`,
      );
    }
    // Between processes there is no shared memory to wait on: poll, without spinning.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await fn({ waitedMs: Math.round(performance.now() - started) });
  } finally {
    release(path);
  }
}

function tryTake(path: string, label: string): boolean {
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  const owner: Owner = { pid: process.pid, label, since: new Date().toISOString() };
  writeFileSync(join(path, "owner.json"), JSON.stringify(owner));
  return true;
}

function release(path: string): void {
  // Only our own lock: a takeover after a long stall must not be undone by us.
  if (readOwner(path)?.pid === process.pid) rmSync(path, { recursive: true, force: true });
}

function readOwner(path: string): Owner | null {
  try {
    return JSON.parse(readFileSync(join(path, "owner.json"), "utf8")) as Owner;
  } catch {
    return null;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0; // gone meanwhile: the next try takes it
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Moves a dead holder's lock aside. Two waiters may both see it stale: the
 * rename is atomic, so one wins; the other's rename fails (or, if the winner
 * already made a new lock, moves that one — then the owner differs, and it
 * is put back).
 */
function takeOverStale(path: string, seen: Owner | null): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = readOwner(aside);
  if (moved && seen && moved.pid !== seen.pid) {
    try {
      renameSync(aside, path); // a live lock: put it back
      return;
    } catch {
      // taken again meanwhile: the live holder keeps running; two captures overlap once
    }
  }
  rmSync(aside, { recursive: true, force: true });
}
