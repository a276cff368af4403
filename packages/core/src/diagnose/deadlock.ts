/**
 * The deadlock report: Go's "all goroutines are asleep", with the wait-for
 * cycle and the line of each waiting call. Main looks (every TICK while it
 * is blocked itself, see `waits.ts`): when every live thread is BLOCKED and
 * verified at the current epoch, nothing can wake any of them. The report
 * goes to stderr and the program ends with exit code 1.
 */
import { runtime } from "../runtime/index.ts";
import type { DeadlockGraph } from "../runtime/runtime.ts";
import { live } from "../thread/registry.ts";
import {
  DECLARED,
  EPOCH,
  HANG_MS,
  MODE,
  MODE_OFF,
  MODE_ON,
  R_HOLDER,
  R_ID,
  R_IDENT,
  R_KIND,
  R_OP,
  R_REPORTED,
  R_SINCE,
  R_STATE,
  R_VERIFIED,
  RECORDS,
} from "./layout.ts";
import { mapSite } from "./sourcemap.ts";
import {
  BLOCKED,
  ENDING,
  findRecord,
  hangReportMs,
  hooks,
  KINDS,
  OPS,
  readString,
  recordAt,
  TIMED,
  table,
  threadName,
} from "./waits.ts";

// ——— Where a wait was called from: the first frame outside core ———

const self = import.meta.url;
// From the sources, every file under src/ is core; in a bundle (dist, or a
// lesson's browser bundle) core shares a file with the program, so frames
// are told apart by core's function and class names.
// Node's bundle of core (.bundles/node/, see build-node.mjs) runs with source
// maps on, so its frames name the files under src/: those are core's too.
const nodeBundle = /\/\.bundles\/node\/[^/]+\.js$/.test(self);
const srcRoot = /\/src\/diagnose\/deadlock\.ts$/.test(self)
  ? self.slice(0, self.length - "diagnose/deadlock.ts".length)
  : nodeBundle
    ? new URL("../../src/", self).href
    : null;
// Mapped frames name plain paths (/home/me/…/src/lock.ts), not file: URLs.
const srcPath = nodeBundle && srcRoot ? decodeURIComponent(new URL(srcRoot).pathname) : null;
const bundleRoot = nodeBundle ? new URL("./", self).href : null;
const CORE_NAME =
  /^(?:async )?(?:(?:Lock|RLock|Condition|Semaphore|BoundedSemaphore|Event|Barrier|Queue|LifoQueue|PriorityQueue|SimpleQueue|Thread|Future|ThreadPoolExecutor|Timer|Generator|Object)\.|(?:runBlocking|runAsync|waitBlocking|waitAsync|watchedWait|withLock|withLockAsync|waitUntilReady|captureSite|stackFrames|madeHere|record|#)\d*)/;
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** The frames of the current stack, innermost first (the engine's own skipped). */
export function stackFrames(): { fn: string; url: string; row: string; column: string }[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  const frames: { fn: string; url: string; row: string; column: string }[] = [];
  for (const line of stack.split("\n").slice(1)) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const [, fn = "", url = "", row = "", column = ""] = m;
    if (url.startsWith("node:") || url === "native" || url.startsWith("evalmachine.")) continue;
    frames.push({ fn, url, row, column });
  }
  return frames;
}

export function isCoreFrame(fn: string, url: string): boolean {
  if (srcRoot)
    return (
      url.startsWith(srcRoot) ||
      (srcPath !== null && url.startsWith(srcPath)) ||
      (bundleRoot !== null && url.startsWith(bundleRoot))
    );
  return CORE_NAME.test(fn) || CORE_NEW.test(fn);
}
const CORE_NEW =
  /^(?:new (?:Lock|RLock|Condition|Semaphore|BoundedSemaphore|Event|Barrier|Queue|LifoQueue|PriorityQueue|SimpleQueue|ThreadPoolExecutor|Timer)|newWord|sharedInt32|sharedFloat64|sharedUint8)$/;

export function captureSite(): string {
  const frames = stackFrames();
  // Core in a module of its own beside the program (the page's /runs/core.js
  // for edited code, or dist/): every frame of this file is core's, whatever
  // its function's name (minified, some match none of the names above).
  const apart = !srcRoot && frames.some((f) => f.url !== self);
  for (const { fn, url, row, column } of frames) {
    if (isCoreFrame(fn, url) || (apart && url === self)) continue;
    const site = `${url}:${row}:${column}`;
    // A bundle with core inlined (a lesson's, a test's): its source map names core's files.
    if (CORE_SOURCE.test(mapSite(site))) continue;
    return site;
  }
  return "";
}
const CORE_SOURCE =
  /\/src\/(?:diagnose|host|io|memory|pool|queue|runtime|step|sync|thread|time|trace)\/[^/]+\.ts:\d+$/;

/**
 * `file:///home/me/app/main.ts:12:5` → `main.ts:12` (relative to the working
 * directory when inside it); a bundle's line is mapped to its source first,
 * where a source map says (the browser, see `sourcemap.ts`).
 */
export function shortSite(site: string): string {
  if (!site) return "an unknown line";
  const m = /^(.*?):(\d+)(?::\d+)?$/.exec(mapSite(site));
  if (!m) return site;
  let path = m[1]!;
  try {
    path = decodeURIComponent(new URL(path).pathname);
  } catch {}
  path += `:${m[2]}`;
  const cwd = (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.();
  if (cwd && path.startsWith(`${cwd}/`)) return path.slice(cwd.length + 1);
  return path.slice(path.lastIndexOf("/") + 1);
}

// ——— Reading the table ———

export interface WaitInfo {
  ident: number;
  name: string;
  state: "blocked" | "timed" | "running" | "ending";
  kind: string;
  id: number;
  op: string;
  holder: number;
  viaHold: boolean;
  sinceMs: number;
  site: string;
  verified: number;
}

export function snapshot(): { epoch: number; threads: WaitInfo[] } {
  const { ints, floats } = table();
  const epoch = Atomics.load(ints, EPOCH);
  const threads = live().map(({ ident, name }): WaitInfo => {
    const at = findRecord(ints, ident);
    const state = at < 0 ? RUNNING_STATE : Atomics.load(ints, at + R_STATE);
    const holder = at < 0 ? 0 : Atomics.load(ints, at + R_HOLDER);
    return {
      ident,
      name,
      state:
        state === BLOCKED
          ? "blocked"
          : state === TIMED
            ? "timed"
            : state === ENDING
              ? "ending"
              : "running",
      kind: at < 0 ? "" : (KINDS[ints[at + R_KIND]!] ?? "object"),
      id: at < 0 ? 0 : ints[at + R_ID]!,
      op: at < 0 ? "" : (OPS[ints[at + R_OP]!] ?? "wait"),
      holder: Math.abs(holder),
      viaHold: holder < 0,
      sinceMs: at < 0 ? 0 : Date.now() - floats[(at + R_SINCE) / 2]!,
      site: at < 0 ? "" : readString(ints, at),
      verified: at < 0 ? -1 : Atomics.load(ints, at + R_VERIFIED),
    };
  });
  return { epoch, threads };
}
const RUNNING_STATE = 0;

/** Whether the snapshot is a deadlock: every live thread blocked, verified at `epoch`, and the epoch unmoved. */
export function isDeadlock(view: { epoch: number; threads: WaitInfo[] }): boolean {
  const { ints } = table();
  if (view.threads.length === 0) return false;
  for (const t of view.threads)
    if (t.state !== "blocked" || t.verified !== view.epoch) return false;
  for (let slot = 0; slot < RECORDS; slot++) {
    const at = recordAt(slot);
    if (Atomics.load(ints, at + R_IDENT) > 0 && Atomics.load(ints, at + R_STATE) === ENDING)
      return false;
  }
  return Atomics.load(ints, EPOCH) === view.epoch;
}

function objectName(t: WaitInfo): string {
  if (t.kind === "Thread") return `the end of ${threadName(t.id)}`;
  if (t.kind === "internal lock") return "an internal lock";
  return `${t.kind}#${t.id}`;
}

function describeWait(t: WaitInfo, byIdent: Map<number, WaitInfo>): string {
  if (t.state === "running") return `${t.name} is running`;
  if (t.state === "ending") return `${t.name} is ending`;
  if (t.op === "exit")
    return `${t.name} has returned, and waits for the threads that are not daemons to end, as Python does at exit (for ${Math.round(t.sinceMs)} ms)`;
  const timed = t.state === "timed" ? " (with a timeout)" : "";
  let text = `${t.name} waits in ${t.op}()${timed} for ${objectName(t)}`;
  if (t.holder && t.kind !== "Thread") {
    if (t.holder === t.ident) {
      // Where the first hold() was is not recorded: a stack costs ~1.8 µs, the
      // whole hold() ~0.15 µs (see the README). What is known is said: its
      // guard is not disposed yet, whether a `using` block around this wait
      // will dispose of it later or no `using` ever will.
      text += `, held by ${t.name} itself (a ${t.kind} taken twice by one thread: `;
      text += t.viaHold
        ? "it took it with an earlier hold() that is not disposed yet, in a `using` block still open or a hold() without `using`. End that block first (a hold() needs `using _held = lock.hold()`), or use an RLock)"
        : "release it first, or use an RLock)";
    } else {
      const verb = t.kind === "Future" ? "its task run by" : "held by";
      text += `, ${verb} ${byIdent.get(t.holder)?.name ?? threadName(t.holder)}`;
    }
  } else if (t.kind === "Thread") {
    // nothing to add: the thread named is the one that must end
  } else if (t.kind === "Future") {
    text += " (its task is not running yet)";
  } else if (t.kind !== "Lock" && t.kind !== "RLock") {
    text += " (nobody holds it: another thread must set, notify, put or release it)";
  }
  text += `, at ${shortSite(t.site)} (for ${Math.round(t.sinceMs)} ms)`;
  return text;
}

/** The wait-for cycle, if the holders form one: each thread waits for the next. */
export function findCycle(threads: WaitInfo[]): WaitInfo[] | null {
  const byIdent = new Map(threads.map((t) => [t.ident, t]));
  for (const start of threads) {
    const path: WaitInfo[] = [];
    const seen = new Map<number, number>();
    for (let t: WaitInfo | undefined = start; t?.holder; t = byIdent.get(t.holder)) {
      if (seen.has(t.ident)) return path.slice(seen.get(t.ident));
      seen.set(t.ident, path.length);
      path.push(t);
    }
  }
  return null;
}

export function formatCycle(cycle: WaitInfo[]): string {
  const parts = [cycle[0]!.name];
  for (let i = 0; i < cycle.length; i++) {
    const t = cycle[i]!;
    const next = cycle[(i + 1) % cycle.length]!;
    const verb = t.kind === "Future" ? "run by" : "held by";
    parts.push(t.kind === "Thread" ? `join ${next.name}` : `${objectName(t)} ${verb} ${next.name}`);
  }
  return parts.join(" → ");
}

export function formatReport(title: string, threads: WaitInfo[]): string {
  const byIdent = new Map(threads.map((t) => [t.ident, t]));
  const lines = [title];
  for (const t of threads) lines.push(`  ${describeWait(t, byIdent)}`);
  const cycle = findCycle(threads.filter((t) => t.state === "blocked"));
  if (cycle) lines.push(`cycle: ${formatCycle(cycle)}`);
  return lines.join("\n");
}

/** The report as data (the browser's Run panel draws it). */
export function deadlockGraph(threads: WaitInfo[], cycle: WaitInfo[] | null): DeadlockGraph {
  const byIdent = new Map(threads.map((t) => [t.ident, t]));
  const nameOf = (ident: number) => byIdent.get(ident)?.name ?? threadName(ident);
  return {
    threads: threads.map((t) => ({
      name: t.name,
      waitsFor: objectName(t),
      op: t.op,
      heldBy: t.holder && t.kind !== "Thread" ? nameOf(t.holder) : null,
      at: shortSite(t.site),
      site: t.site,
    })),
    cycle: (cycle ?? []).map((t) => ({ thread: t.name, waitsFor: objectName(t) })),
  };
}

function detect(): void {
  const view = snapshot();
  if (!isDeadlock(view)) return;
  const { ints } = table();
  if (Atomics.compareExchange(ints, DECLARED, 0, 1) !== 0) return;
  const cycle = findCycle(view.threads);
  const report = formatReport(
    "deadlock: every thread is blocked, and none of them can wake another.",
    view.threads,
  );
  const fix = cycle
    ? "Each thread in the cycle holds what the next one waits for: take the locks in one order everywhere, or use a timeout."
    : "Nothing will wake these threads: check which set(), notify(), put() or release() is missing.";
  runtime.writeLine("stderr", `${report}\n${fix}\n(UNRAVEL_DEADLOCK=off turns this check off.)`);
  runtime.exit(1, deadlockGraph(view.threads, cycle));
}

function hangReport(ints: Int32Array): void {
  const threshold = hangReportMs();
  const view = snapshot();
  const { floats } = table();
  const due = view.threads.some((t) => t.state !== "running" && t.sinceMs >= threshold);
  if (!due) return;
  // One report per stretch of waiting: mark every wait it covers.
  let fresh = false;
  for (const t of view.threads) {
    const at = findRecord(ints, t.ident);
    if (at < 0 || t.state === "running") continue;
    if (Atomics.compareExchange(ints, at + R_REPORTED, 0, 1) === 0) fresh = true;
  }
  void floats;
  if (!fresh) return;
  runtime.writeLine(
    "stderr",
    formatReport(
      `unravel: a wait has lasted over ${threshold} ms. Who waits on what:`,
      view.threads,
    ),
  );
}

/** Ctrl-C while main is blocked (Node): who waits on what, before the program ends. */
function interrupted(): void {
  runtime.writeLine(
    "stderr",
    formatReport(
      "unravel: interrupted (Ctrl-C) while blocked. Who waits on what:",
      snapshot().threads,
    ),
  );
}

hooks.detect = detect;
hooks.interrupted = interrupted;
hooks.hangReport = hangReport;
hooks.site = captureSite;

export interface DeadlockOptions {
  /** `false`: never report a deadlock (also `UNRAVEL_DEADLOCK=off`). @default true */
  enabled?: boolean;
  /** Print who waits on what once a wait has lasted this many ms (also `UNRAVEL_HANG_REPORT=ms`). @default undefined (never) */
  reportAfterMs?: number;
}

/**
 * Configures the deadlock report for every thread of the program. Call it in
 * `main(…)`; threads started later see it, and so do those running.
 */
export function setDeadlockDetection(options: DeadlockOptions): void {
  if (options === null || typeof options !== "object")
    throw new TypeError("options must be an object such as { enabled: false }");
  const { enabled, reportAfterMs } = options;
  if (enabled !== undefined && typeof enabled !== "boolean")
    throw new TypeError("options.enabled must be a boolean");
  if (
    reportAfterMs !== undefined &&
    (typeof reportAfterMs !== "number" || !(reportAfterMs >= 0) || reportAfterMs > 2 ** 31 - 1)
  )
    throw new RangeError(
      `options.reportAfterMs must be a number of milliseconds (0 for never), got ${reportAfterMs}`,
    );
  const { ints } = table();
  if (enabled !== undefined) Atomics.store(ints, MODE, enabled ? MODE_ON : MODE_OFF);
  // -1 in the table: "never", even if the environment asks for it.
  if (reportAfterMs !== undefined) Atomics.store(ints, HANG_MS, Math.ceil(reportAfterMs) || -1);
}
