/**
 * The wait table: in shared memory, which thread waits on what, since when,
 * from which line, and who holds it. Every blocking wait of core goes through
 * `futex.ts`, which calls `watchedWait` for a wait that lasts longer than one
 * TICK; a shorter wait writes nothing, so the uncontended and briefly
 * contended paths cost nothing here.
 *
 * Invariant (why a report is never a false alarm): a record says BLOCKED with
 * VERIFIED = e only if its thread, after reading EPOCH = e, saw its word still
 * hold the value it sleeps on. A thread bumps EPOCH after it starts to count
 * as BLOCKED and when it ends, so a thread that changed a word (a release, a
 * set, its own end) and then blocked has moved EPOCH past every verification
 * made before its change. If every live thread is BLOCKED, verified at the
 * current EPOCH, nobody changed any of their words since they looked: no
 * wake-up is on its way. A thread that runs, sleeps, waits with a timeout or
 * awaits its event loop is not BLOCKED.
 *
 * A thread's end is a change of words too (it leaves the live threads, its
 * control block says DONE): its record says ENDING from before that change
 * until after the EPOCH bump that follows it, so a look sees it either as
 * ENDING (not a deadlock) or gone with EPOCH moved (a stale verification).
 * Main at exit waits on the set of live threads that are not daemons: it
 * reads EPOCH before it looks at that set, as every wait reads EPOCH before
 * its word.
 */
import { runtime } from "../runtime/index.ts";
import { current, processBlock } from "../thread/context.ts";
import { live, WAIT_TABLE_AT } from "../thread/registry.ts";
import {
  BLOCKED,
  DECLARED,
  ENDING,
  EPOCH,
  HANG_MS,
  HEADER_INTS,
  MODE,
  MODE_OFF,
  R_HOLDER,
  R_ID,
  R_IDENT,
  R_KIND,
  R_OP,
  R_REPORTED,
  R_SINCE,
  R_SITE,
  R_SITE_LENGTH,
  R_STATE,
  R_VERIFIED,
  RECORD_INTS,
  RECORDS,
  RUNNING,
  SITE_BYTES,
  TIMED,
} from "./layout.ts";

const tickByEnvironment = Number(
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.UNRAVEL_DEADLOCK_TICK_MS,
);

/**
 * How long a wait runs before it is recorded, and how often a recorded wait
 * looks around. `UNRAVEL_DEADLOCK_TICK_MS` changes it (the tests run the
 * detector against racing programs with a 1 ms tick, to look thousands of times).
 */
export const TICK_MS = tickByEnvironment >= 1 ? tickByEnvironment : 100;

/** What a wait waits on, given by the primitive (see `WaitFor.on` in `futex.ts`). */
export interface Waiting {
  kind: string;
  id: number;
  op: string;
  /** The ident of the thread that holds it (negative: taken with `hold()`); 0 when none is known. */
  holder?: () => number;
  /** Called every TICK while waiting: may throw (an abandoned lock) or return `true` to wake the loop. */
  tick?: () => boolean;
}

export const KINDS = [
  "object",
  "Lock",
  "RLock",
  "Condition",
  "Semaphore",
  "BoundedSemaphore",
  "Event",
  "Barrier",
  "Queue",
  "LifoQueue",
  "PriorityQueue",
  "SimpleQueue",
  "Thread",
  "internal lock",
  "Future",
];
export const OPS = ["wait", "acquire", "join", "get", "put", "exit", "result"];
const ENDED = 4; // a record kept after its thread ended, for its name; reusable

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // a leading U+FEFF is data

export interface Table {
  ints: Int32Array;
  floats: Float64Array;
}

let cached: { block: Int32Array; table: Table } | null = null;

export function table(): Table {
  const block = processBlock();
  if (cached?.block === block) return cached.table;
  const buffer = block.buffer as SharedArrayBuffer;
  const ints = new Int32Array(buffer, WAIT_TABLE_AT, HEADER_INTS + RECORDS * RECORD_INTS);
  const floats = new Float64Array(buffer, WAIT_TABLE_AT, ints.length / 2);
  cached = { block, table: { ints, floats } };
  return cached.table;
}

export function recordAt(slot: number): number {
  return HEADER_INTS + slot * RECORD_INTS;
}

/** The record of thread `ident`, or -1. */
export function findRecord(ints: Int32Array, ident: number): number {
  for (let slot = 0; slot < RECORDS; slot++) {
    const at = recordAt(slot);
    if (Atomics.load(ints, at + R_IDENT) === ident) return at;
  }
  return -1;
}

/** The record of thread `ident`, claimed if it has none (a free or ended record; else a dead thread's). */
export function claimRecord(ints: Int32Array, ident: number): number {
  const found = findRecord(ints, ident);
  if (found >= 0) return found;
  for (const reusable of [0, ENDED]) {
    for (let slot = 0; slot < RECORDS; slot++) {
      const at = recordAt(slot);
      const owner = Atomics.load(ints, at + R_IDENT);
      if (reusable === 0 ? owner !== 0 : Atomics.load(ints, at + R_STATE) !== ENDED) continue;
      if (Atomics.compareExchange(ints, at + R_IDENT, owner, ident) === owner) {
        Atomics.store(ints, at + R_STATE, RUNNING);
        return at;
      }
    }
  }
  const alive = new Set(live().map((t) => t.ident));
  for (let slot = 0; slot < RECORDS; slot++) {
    const at = recordAt(slot);
    const owner = Atomics.load(ints, at + R_IDENT);
    if (alive.has(owner)) continue;
    if (Atomics.compareExchange(ints, at + R_IDENT, owner, ident) === owner) {
      Atomics.store(ints, at + R_STATE, RUNNING);
      return at;
    }
  }
  return -1; // more than 256 threads waiting at once: this one is not recorded
}

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
/** `UNRAVEL_DEADLOCK=off` (Node; every thread reads the same environment). */
const offByEnvironment = /^(off|0|false|no)$/i.test(env?.UNRAVEL_DEADLOCK ?? "");
/** `UNRAVEL_HANG_REPORT=<ms>`: who waits on what, after a wait this long. */
const hangByEnvironment = Number(env?.UNRAVEL_HANG_REPORT ?? 0);

export function detectionOn(): boolean {
  return !offByEnvironment && Atomics.load(table().ints, MODE) !== MODE_OFF;
}

/** The hang-report threshold in ms, 0 for none: `setDeadlockDetection` wins over the environment. */
export function hangReportMs(): number {
  const set = Atomics.load(table().ints, HANG_MS);
  if (set !== 0) return Math.max(set, 0);
  return Number.isFinite(hangByEnvironment) && hangByEnvironment > 0 ? hangByEnvironment : 0;
}

function writeString(ints: Int32Array, at: number, text: string): void {
  const bytes = encoder.encode(text);
  const tail = bytes.subarray(Math.max(0, bytes.length - SITE_BYTES)); // keep the line number
  new Uint8Array(ints.buffer, ints.byteOffset + (at + R_SITE) * 4, SITE_BYTES).set(tail);
  Atomics.store(ints, at + R_SITE_LENGTH, tail.length);
}

export function readString(ints: Int32Array, at: number): string {
  const length = Atomics.load(ints, at + R_SITE_LENGTH);
  const view = new Uint8Array(ints.buffer, ints.byteOffset + (at + R_SITE) * 4, length);
  return decoder.decode(view.slice());
}

/** Hooks set by `deadlock.ts` (kept apart so that this module stays the data). */
export const hooks: {
  detect: () => void;
  hangReport: (ints: Int32Array) => void;
  site: () => string;
  interrupted: () => void;
} = { detect: () => {}, hangReport: () => {}, site: () => "", interrupted: () => {} };

/** The wait a thread is in, as `futex.ts` sees it. */
export interface Watched {
  word: Int32Array;
  index: number;
  expected: number;
  deadline: number;
  on?: Waiting;
}

/**
 * Fills record `at` with a wait that has just begun, then counts it in its
 * state and moves EPOCH: after counting as blocked (see the invariant).
 */
function writeWait(
  { ints, floats }: Table,
  at: number,
  w: {
    kind: number;
    id: number;
    op: number;
    holder: number;
    since: number;
    site: string;
    state: number;
  },
): void {
  ints[at + R_KIND] = w.kind;
  ints[at + R_ID] = w.id;
  ints[at + R_OP] = w.op;
  ints[at + R_HOLDER] = w.holder;
  ints[at + R_REPORTED] = 0;
  floats[(at + R_SINCE) / 2] = w.since;
  writeString(ints, at, w.site);
  Atomics.store(ints, at + R_STATE, w.state);
  Atomics.add(ints, EPOCH, 1);
}

/**
 * Waits as `Atomics.wait` would, in TICK slices, keeping this thread's record:
 * BLOCKED (no deadline) or TIMED, re-verified every slice; and on main, looks
 * for a deadlock. Returns `false` on timeout, `true` on a wake-up or change.
 */
export function watchedWait(w: Watched, msLeft: (deadline: number) => number): boolean {
  const started = Date.now();
  if (Atomics.wait(w.word, w.index, w.expected, TICK_MS) !== "timed-out") return true;
  const me = current().ident;
  const site = me > 0 ? hooks.site() : ""; // here: the frames below are all core's
  // Main, waiting long: Ctrl-C prints who waits on what (see runtime.interruptible).
  if (me === 1 && detectionOn())
    return runtime.interruptible(() => watched(w, msLeft, me, started, site), hooks.interrupted);
  return watched(w, msLeft, me, started, site);
}

function watched(
  w: Watched,
  msLeft: (deadline: number) => number,
  me: number,
  started: number,
  site: string,
): boolean {
  const { ints, floats } = table();
  const at = me > 0 ? claimRecord(ints, me) : -1;
  const blocked = w.deadline === Number.POSITIVE_INFINITY;
  if (at >= 0) {
    const on = w.on;
    Atomics.store(ints, at + R_VERIFIED, -1);
    writeWait({ ints, floats }, at, {
      kind: Math.max(0, KINDS.indexOf(on?.kind ?? "object")),
      id: on?.id ?? 0,
      op: Math.max(0, OPS.indexOf(on?.op ?? "wait")),
      holder: on?.holder?.() ?? 0,
      since: started,
      site,
      state: blocked ? BLOCKED : TIMED,
    });
  }
  try {
    for (;;) {
      const left = msLeft(w.deadline);
      if (left === 0) return Atomics.load(w.word, w.index) !== w.expected;
      if (w.on?.tick?.()) return true;
      if (at >= 0) {
        Atomics.store(ints, at + R_HOLDER, w.on?.holder?.() ?? 0);
        // Why this order: EPOCH first, then the word (see the invariant).
        const epoch = Atomics.load(ints, EPOCH);
        if (Atomics.load(w.word, w.index) !== w.expected) return true;
        Atomics.store(ints, at + R_VERIFIED, epoch);
        if (hangReportMs() > 0) hooks.hangReport(ints);
        if (blocked && me === 1 && detectionOn()) hooks.detect();
      }
      if (Atomics.wait(w.word, w.index, w.expected, Math.min(left, TICK_MS)) !== "timed-out")
        return true;
    }
  } finally {
    if (at >= 0) Atomics.store(ints, at + R_STATE, RUNNING);
  }
}

/**
 * Main's function has returned (or thrown): like Python at exit, the program
 * waits for the threads that are not daemons. Main's event loop is free then,
 * so every TICK it records itself as BLOCKED (op "exit"), verified at the
 * current EPOCH (only a thread's end, which bumps EPOCH, changes what it
 * waits for), and looks for a deadlock as a blocked main does.
 */
export function watchExit(): void {
  if (current().ident !== 1 || typeof setInterval !== "function") return;
  const timer = setInterval(() => {
    if (!lookAtExit()) clearInterval(timer);
  }, TICK_MS);
  (timer as { unref?: () => void }).unref?.(); // the threads keep the program alive, not this
}

/** One look of main at exit (see `watchExit`); `false` once no thread is left to wait for. */
export function lookAtExit(): boolean {
  const { ints, floats } = table();
  const at = claimRecord(ints, 1);
  if (!threadsToWaitFor()) {
    if (at >= 0) Atomics.store(ints, at + R_STATE, RUNNING);
    return false;
  }
  if (at < 0) return true;
  if (!loopIdle()) {
    // A timer or I/O of main may still set, put or release what a thread waits for.
    if (Atomics.load(ints, at + R_STATE) === BLOCKED) Atomics.store(ints, at + R_STATE, RUNNING);
    return true;
  }
  if (Atomics.load(ints, at + R_STATE) !== BLOCKED) {
    // (A thread that ends from here on moves EPOCH past this bump: seen below.)
    writeWait({ ints, floats }, at, {
      kind: 0,
      id: 0,
      op: OPS.indexOf("exit"),
      holder: 0,
      since: Date.now(),
      site: "",
      state: BLOCKED,
    });
  }
  // EPOCH first, then the word (the live threads), as in `watched`: a thread
  // that left them after the check above, while the loop was asked, is gone
  // here, or left after this read and moved EPOCH past `epoch`.
  const epoch = Atomics.load(ints, EPOCH);
  if (!threadsToWaitFor()) {
    Atomics.store(ints, at + R_STATE, RUNNING);
    return false;
  }
  Atomics.store(ints, at + R_VERIFIED, epoch);
  if (hangReportMs() > 0) hooks.hangReport(ints);
  if (detectionOn()) hooks.detect();
  return true;
}

/** Whether a thread that is not a daemon is live, besides main: what main waits for at exit. */
function threadsToWaitFor(): boolean {
  return live().some((t) => t.ident !== 1 && !t.daemon);
}

/**
 * Whether main's event loop has nothing left but its workers (Node; the
 * browser does not say, so there main never counts as blocked at exit).
 */
function loopIdle(): boolean {
  // Node's own list of what keeps the loop alive (no public API names the
  // handles): stdout and stderr, the workers and their ports do not count.
  const p = (globalThis as { process?: NodeProcessInternals }).process;
  if (typeof p?._getActiveHandles !== "function" || typeof p._getActiveRequests !== "function")
    return false;
  if (p._getActiveRequests().length > 0) return false;
  // Timers are not handles there: the public list names them ("Timeout"),
  // and leaves out what is unref'd (our own watch timer).
  if (p.getActiveResourcesInfo?.().some((kind) => !IDLE_RESOURCES.has(kind))) return false;
  return p
    ._getActiveHandles()
    .every(
      (h) =>
        h === p.stdout ||
        h === p.stderr ||
        h?.constructor?.name === "Worker" ||
        h?.constructor?.name === "MessagePort",
    );
}

/** Resources that cannot wake a blocked thread: stdio pipes and terminals, workers and their ports. */
const IDLE_RESOURCES = new Set(["PipeWrap", "TTYWrap", "MessagePort", "Worker"]);

interface NodeProcessInternals {
  getActiveResourcesInfo?: () => string[];
  stdout: unknown;
  stderr: unknown;
  _getActiveHandles?: () => { constructor?: { name?: string } }[];
  _getActiveRequests?: () => unknown[];
}

/** A thread is about to end (its target returned or threw, or its worker exits): it no longer counts as blocked. */
export function threadEnding(ident: number, name: string): void {
  if (ident <= 0) return;
  const { ints } = table();
  const at = claimRecord(ints, ident);
  if (at < 0) return;
  writeString(ints, at, name); // kept after the end: a dead lock holder is named by it
  Atomics.store(ints, at + R_STATE, ENDING);
  Atomics.add(ints, EPOCH, 1);
}

/** The thread has ended (unregistered, its end published to joiners). */
export function threadEnded(ident: number): void {
  if (ident <= 0) return;
  const { ints } = table();
  const at = findRecord(ints, ident);
  // EPOCH first: the record stops saying ENDING only once its end has moved
  // EPOCH (see the invariant), else a look in between sees no ENDING record,
  // the thread gone, and EPOCH where a waiter for its end verified it.
  Atomics.add(ints, EPOCH, 1);
  if (at >= 0) Atomics.store(ints, at + R_STATE, ENDED);
}

/** The name of a thread, live or ended (as recorded when it ended). */
export function threadName(ident: number): string {
  const found = live().find((t) => t.ident === ident);
  if (found) return found.name;
  const { ints } = table();
  const at = findRecord(ints, ident);
  if (at >= 0 && Atomics.load(ints, at + R_STATE) === ENDED) return readString(ints, at);
  return `thread ${ident}`;
}

export function isEnded(ident: number): boolean {
  if (live().some((t) => t.ident === ident)) return false;
  const { ints } = table();
  const at = findRecord(ints, ident);
  // A thread not live and not ENDING has ended (or never ran in this process).
  return !(at >= 0 && Atomics.load(ints, at + R_STATE) === ENDING);
}

export { BLOCKED, DECLARED, ENDED, ENDING, RUNNING, TIMED };
