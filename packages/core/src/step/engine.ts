/**
 * The step engine: runs a threaded program one step at a time, every thread
 * a real worker, with a scheduler choosing which thread takes each step.
 *
 * How: the step block (a SharedArrayBuffer, created by the main thread and
 * passed to every thread in its task) holds one slot per thread: its state,
 * its "go" word, what it waits on. Exactly one thread holds the *turn*. It
 * runs until its next step point, marks itself READY there (or BLOCKED, in a
 * wait that would block), and then decides who goes next — the decision
 * reads only the shared block (the scheduler's random state and priorities
 * live there too), so it is the same whichever thread makes it. It hands the
 * turn over by storing 1 in that thread's go word and waking it, and parks on
 * its own. There is no scheduler thread: the turn is the scheduler.
 *
 * Invariant: at most one thread runs program code at a time (the one whose
 * ident is in TURN), and a step is counted (STEPS) exactly when a thread
 * resumes to take it. A BLOCKED thread looks at its word again only after a
 * later step (STEPS > BLOCKED_AT) or once the virtual clock reaches its
 * deadline: it is given the turn to look, becomes READY or stays BLOCKED,
 * and decides again. Looking is not a step, and every look happens before
 * the scheduler chooses, so the scheduler always chooses among exactly the
 * enabled threads and a schedule (the thread of each step) replays exactly.
 */
import {
  captureSite,
  deadlockGraph,
  findCycle,
  formatReport,
  shortSite,
  type WaitInfo,
} from "../diagnose/deadlock.ts";
import { isEnded, KINDS, OPS } from "../diagnose/waits.ts";
import { runtime } from "../runtime/index.ts";
import type { ThreadIdentity } from "../runtime/runtime.ts";
import { asStepped, type WaitFor, type WaitLoop } from "../sync/futex.ts";
import { type AcquireOptions, Lock } from "../sync/lock.ts";
import { current } from "../thread/context.ts";
import { live } from "../thread/registry.ts";
import {
  CHOICE,
  CHOICE_SEED,
  CONTINUE,
  changePoints,
  SCHEDULERS,
  type Scheduler,
} from "./schedulers.ts";
import {
  isCoreArray,
  isUserArray,
  markUser,
  setStepping,
  sharedIn,
  stepHost,
  stepRequested,
  steps,
} from "./state.ts";

// The originals, taken before step mode wraps `Atomics` (see `wrapAtomics`).
const A = {
  load: Atomics.load,
  store: Atomics.store,
  add: Atomics.add,
  wait: Atomics.wait,
  notify: Atomics.notify,
  compareExchange: Atomics.compareExchange,
};

// ——— The step block ———

const TURN = 0; // the ident that may run
const STEPS = 1; // steps taken so far
const RNG = 2; // the scheduler's random state
const EXIT = 3; // 0, or the exit code + 1 once the run must end (deadlock, stuck, limit)
const ARRIVALS = 4; // bumped when a starting thread reaches its first step point
const MOVES = 5; // bumped at every hand-over: progress, for the stuck check
const KIND = 6; // the scheduler (index into SCHEDULERS)
const DEPTH = 7; // PCT's d
const LIMIT = 8; // most steps a run may take
const REPLAY_LENGTH = 9;
const FINISHED = 10; // 1 once every non-daemon thread has ended
const REPORTED = 11; // 1 once a stuck or limit report was written
const TOP = 27; // one past the highest ident in use: the slots every scan looks at
const PAUSE = 31; // a replay that runs out of its list: 1 ends the run there (--step), 2 waits for the page's choice (live)
const ARRAYS = 30; // shared arrays named so far: the next array's id is this + 1
const CHANGE_AT = 12; // PCT's d − 1 priority change points (up to 15)
const MAX_CHANGES = 15;
const CLOCK = 28; // float64 (ints 28–29): the virtual clock, ms
const LAST = 32; // the thread that took the last step
const ENABLED_COUNT = 33; // the threads the scheduler chose among for the last step (for exhaustive search)
const ENABLED = 34;
const MAX_ENABLED = 24;
const SEQ = 61; // entries sent to the page so far: the page puts them back in order (they come from many workers)
const LOGGING = 58; // 1: every thread records its steps (to the page's sink, in a browser)
// 59 and 60: CHOICE and CHOICE_SEED (schedulers.ts), the page's steering words
const HEADER = 64;

const MAX_THREADS = 256; // idents 1 … 255
const SLOT_INTS = 160; // even: the float64 fields stay aligned
const S_STATE = 0;
const S_GO = 1;
const S_BLOCKED_AT = 2; // the step after which it last found its wait still blocked
const S_PRIORITY = 3;
const S_KIND = 4; // what it waits on, for the deadlock report: KINDS index
const S_ID = 5;
const S_OP = 6; // OPS index
const S_HOLDER = 7;
const S_DAEMON = 8;
const S_DEADLINE = 10; // float64: virtual deadline of its wait (Infinity: none)
const S_SINCE = 12; // float64: virtual time it blocked
const S_SITE_LENGTH = 15;
const S_SITE = 16; // up to 96 bytes of "file:line": where it blocked
const SITE_BYTES = 96;
const S_NEXT_LENGTH = 14;
const S_NEXT = 40; // up to 384 bytes: its next step as JSON, while it waits for the turn (pause only)
const NEXT_BYTES = 384;
const S_LAST_STEP = 136; // the number of the last step it took
const S_LAST_LENGTH = 137;
const S_LAST = 138; // up to 64 bytes: that step's op and object, for a report on a thread that vanished
const LAST_BYTES = 64;

const EMPTY = 0;
const STARTING = 1;
const READY = 2;
const BLOCKED = 3;
const RUNNING = 4;
const ENDED = 5;

const slotAt = (ident: number): number => HEADER + ident * SLOT_INTS;

/** What the run is told by `UNRAVEL_STEP` (JSON) or by the page. */
export interface StepConfig {
  /** @default "pct" */
  scheduler?: Scheduler;
  /** The random seed (random, pct). @default 1 */
  seed?: number;
  /** PCT's bug depth d: d − 1 priority change points. @default 3 */
  depth?: number;
  /** PCT's estimate k of the number of steps, where change points fall. @default 200 */
  steps?: number;
  /** replay: the thread that takes each step (thread idents; main is 1). */
  replay?: number[];
  /** Where each step is appended, one JSON line per step (Node). */
  log?: string;
  /** A thread that runs this long (real ms) without a step point is reported. @default 5000 */
  stuckMs?: number;
  /** How long (real ms) a started thread may take to reach its first line. @default 120000 */
  startMs?: number;
  /** The most steps a run may take. @default 100000 */
  limit?: number;
  /**
   * replay: once the list runs out, `true` ends the run, logging each
   * enabled thread's next step (`--step`); `"live"` logs the paused state
   * and waits for the page to choose the next thread (`steer`), at every
   * step from there on.
   */
  pause?: boolean | "live";
}

/** One recorded step. */
export interface StepRecord {
  step: number;
  thread: number;
  /** The threads that could have taken this step (the scheduler chose `thread` among them). */
  enabled?: number[];
  name: string;
  op: string;
  object?: string;
  before?: number;
  after?: number;
  text?: string;
  site?: string;
  /** The program's place as the engine named it (`url:line:column`), for a page that maps its own code. */
  frame?: string;
  /** An `Atomics` step: which shared array (its id in this run: 1, 2… in the order they were made) and cell. */
  array?: number;
  index?: number;
  clock?: number;
}

/** A thread as a paused run shows it (`pause: "live"`). */
export interface PausedThread {
  thread: number;
  name: string;
  state: "starting" | "ready" | "blocked" | "running" | "ended";
  /** Its next step, when it is ready: the operation, on what, from where. */
  next?: {
    op: string;
    object?: string;
    site?: string;
    frame?: string;
    /** An `Atomics` step: the array's id and cell, and the call's values after the index. */
    array?: number;
    index?: number;
    values?: number[];
  };
  /** What it waits for, when blocked: `Lock 2`, the call, who holds it (an ident, 0: nobody). */
  waits?: { object: string; op: string; holder: number; site: string };
}

let S: Int32Array = new Int32Array(0);
let F: Float64Array = new Float64Array(0);
let me = 0;
let config: StepConfig = {};
let logFd = -1;

/** The step block, to pass to a thread in its task (`undefined` outside step mode). */
export function stepBlock(): SharedArrayBuffer | undefined {
  return me === 0 ? undefined : (S.buffer as SharedArrayBuffer);
}

function readConfig(): StepConfig {
  if (stepHost.config) return stepHost.config as StepConfig;
  const text = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.UNRAVEL_STEP;
  if (text === undefined || text === "") return {};
  try {
    return text.trim().startsWith("{") ? JSON.parse(text) : { scheduler: text as Scheduler };
  } catch (error) {
    throw new Error(
      `UNRAVEL_STEP must be JSON such as {"scheduler":"pct","seed":1} or a scheduler name: ${error}`,
    );
  }
}

function checkConfig(c: StepConfig): void {
  const scheduler = c.scheduler ?? "pct";
  if (!SCHEDULERS.includes(scheduler))
    throw new RangeError(
      `step mode: unknown scheduler ${JSON.stringify(scheduler)}; use one of ${SCHEDULERS.join(", ")}`,
    );
  if (scheduler === "replay" && !Array.isArray(c.replay))
    throw new TypeError("step mode: the replay scheduler needs replay: [thread of each step]");
  for (const ident of c.replay ?? [])
    if (!Number.isInteger(ident) || ident < 1 || ident >= MAX_THREADS)
      throw new RangeError(`step mode: replay lists thread ${ident}, not a thread number`);
  const depth = c.depth ?? 3;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_CHANGES + 1)
    throw new RangeError(`step mode: depth must be an integer from 1 to ${MAX_CHANGES + 1}`);
}

/** Creates the block, on the main thread. */
function createBlock(c: StepConfig): void {
  const replay = c.replay ?? [];
  const ints = HEADER + MAX_THREADS * SLOT_INTS + replay.length + (replay.length % 2); // whole float64s
  S = new Int32Array(new SharedArrayBuffer(ints * 4));
  F = new Float64Array(S.buffer);
  S[KIND] = SCHEDULERS.indexOf(c.scheduler ?? "pct");
  S[TOP] = 2; // main is 1
  S[RNG] = (c.seed ?? 1) | 0;
  S[DEPTH] = c.depth ?? 3;
  S[LIMIT] = c.limit ?? 100_000;
  S[REPLAY_LENGTH] = replay.length;
  S[PAUSE] = c.pause === "live" ? 2 : c.pause ? 1 : 0;
  S[LOGGING] = c.log !== undefined || stepHost.sink !== null ? 1 : 0;
  S.set(replay, HEADER + MAX_THREADS * SLOT_INTS);
  const points = changePoints(S[DEPTH]! - 1, c.steps ?? 200, () => random());
  points.forEach((at, i) => {
    S[CHANGE_AT + i] = at;
  });
  for (let ident = 1; ident < MAX_THREADS; ident++)
    F[(slotAt(ident) + S_DEADLINE) / 2] = Number.POSITIVE_INFINITY;
}

/** A uniform uint32 from the shared random state (mulberry32); only the turn's holder calls it. */
function random(): number {
  let t = (S[RNG]! + 0x6d2b79f5) | 0;
  S[RNG] = t;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

function state(ident: number): number {
  return A.load(S, slotAt(ident) + S_STATE);
}

function setState(ident: number, value: number): void {
  A.store(S, slotAt(ident) + S_STATE, value);
}

const clock = (): number => F[CLOCK / 2]!;

// ——— Deciding who goes next ———

/** Waits until no thread is still booting: its first step must be a candidate, whatever the machine's speed. */
function waitForStarters(): void {
  const started = performance.now();
  for (;;) {
    const seen = A.load(S, ARRIVALS);
    let starting = 0;
    for (let ident = 2, top = S[TOP]!; ident < top; ident++)
      if (state(ident) === STARTING) {
        starting = ident;
        break;
      }
    if (starting === 0) return;
    // A worker that dies while booting is marked ended (run.ts); this is for one that hangs.
    // On a loaded machine a boot can take seconds: wait long before calling it stuck.
    if (performance.now() - started > (config.startMs ?? 120_000))
      fail(
        `step mode: thread ${starting} was started ${config.startMs ?? 120_000} ms ago and has not reached its first line.`,
      );
    A.wait(S, ARRIVALS, seen, 100);
  }
}

/** The first BLOCKED thread that must look again: a step was taken since it looked, or its deadline came. */
function needsLook(): number {
  const steps = A.load(S, STEPS);
  const now = clock();
  for (let ident = 1, top = S[TOP]!; ident < top; ident++) {
    const at = slotAt(ident);
    if (A.load(S, at + S_STATE) !== BLOCKED) continue;
    if (S[at + S_BLOCKED_AT]! < steps || F[(at + S_DEADLINE) / 2]! <= now) return ident;
  }
  return 0;
}

/** The threads that can take a step now, in ident order. */
function enabled(): number[] {
  const found: number[] = [];
  for (let ident = 1, top = S[TOP]!; ident < top; ident++)
    if (state(ident) === READY) found.push(ident);
  return found;
}

function finished(): boolean {
  for (let ident = 1, top = S[TOP]!; ident < top; ident++) {
    const s = state(ident);
    if (s !== EMPTY && s !== ENDED && S[slotAt(ident) + S_DAEMON] === 0) return false;
  }
  return true;
}

function earliestDeadline(): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (let ident = 1, top = S[TOP]!; ident < top; ident++)
    if (state(ident) === BLOCKED)
      earliest = Math.min(earliest, F[(slotAt(ident) + S_DEADLINE) / 2]!);
  return earliest;
}

function pick(found: number[]): number {
  const scheduler = SCHEDULERS[S[KIND]!];
  const step = A.load(S, STEPS);
  if (scheduler === "replay" && step >= S[REPLAY_LENGTH]! && S[PAUSE] === 1) pause(found);
  if (scheduler === "replay" && step >= S[REPLAY_LENGTH]! && S[PAUSE] === 2)
    return livePause(found);
  if (scheduler === "replay" && step < S[REPLAY_LENGTH]!) {
    const wanted = S[HEADER + MAX_THREADS * SLOT_INTS + step]!;
    if (found.includes(wanted)) return wanted;
    fail(
      `step mode: the replayed schedule diverged at step ${step + 1}: it names thread ${wanted}, ` +
        `which cannot take a step now (threads that can: ${found.join(", ")}). ` +
        "Was the program changed since the schedule was recorded?",
      3,
    );
  }
  if (scheduler === "random") return found[random() % found.length]!;
  if (scheduler === "pct") {
    let best = found[0]!;
    for (const ident of found)
      if (S[slotAt(ident) + S_PRIORITY]! > S[slotAt(best) + S_PRIORITY]!) best = ident;
    return best;
  }
  // A replay past its end goes on without preempting: the last thread, while it can step.
  if (scheduler === "replay" && found.includes(S[LAST]!)) return S[LAST]!;
  return found[0]!; // "first": the lowest thread that can step
}

/** Notes the threads that could take this step, for the record (exhaustive search branches on them). */
function chose(found: number[], ident: number): number {
  const count = Math.min(found.length, MAX_ENABLED);
  S[ENABLED_COUNT] = count;
  for (let i = 0; i < count; i++) S[ENABLED + i] = found[i]!;
  return ident;
}

/**
 * Who gets the turn next: an ident, or 0 when the run is over (finished, or
 * ended by a report). First every BLOCKED thread that must look again gets
 * the turn to look (it becomes READY or stays BLOCKED; no step is taken), so
 * that the scheduler then chooses among exactly the enabled threads — the
 * same set whichever scheduler made the earlier choices, which is what makes
 * a replay exact.
 */
function decide(): number {
  for (;;) {
    waitForStarters();
    if (A.load(S, EXIT) !== 0) return 0;
    const look = needsLook();
    if (look !== 0) return look;
    const found = enabled();
    if (found.length > 0) return chose(found, pick(found));
    if (finished()) {
      A.store(S, FINISHED, 1);
      A.notify(S, slotAt(1) + S_GO); // main waits for this at its end
      return 0;
    }
    const earliest = earliestDeadline();
    if (earliest === Number.POSITIVE_INFINITY) {
      deadlock();
      return 0;
    }
    F[CLOCK / 2] = earliest; // nobody can step: time moves to the next timeout
  }
}

function handTo(ident: number): void {
  A.store(S, TURN, ident);
  A.add(S, MOVES, 1);
  A.store(S, slotAt(ident) + S_GO, 1);
  A.notify(S, slotAt(ident) + S_GO);
}

/** This thread stops: decide who goes on; wait until it is this thread's turn again. */
function yieldTurn(): void {
  const next = decide();
  if (next === me) return; // the scheduler keeps this thread: no switch
  if (next !== 0) handTo(next);
  park();
}

const stuckMs = (): number => config.stuckMs ?? 5000;

/** Parks on this thread's go word until it is given the turn; watches for a run that cannot go on. */
function park(): void {
  const go = slotAt(me) + S_GO;
  let moves = A.load(S, MOVES);
  let since = performance.now();
  for (;;) {
    if (A.load(S, go) === 1) {
      A.store(S, go, 0);
      return;
    }
    if (A.load(S, EXIT) !== 0) exitNow();
    A.wait(S, go, 0, 200);
    const seen = A.load(S, MOVES);
    if (seen !== moves) {
      moves = seen;
      since = performance.now();
    } else if (performance.now() - since > stuckMs() && A.load(S, go) === 0) {
      stuck(A.load(S, TURN));
      since = performance.now();
    }
  }
}

function exitNow(): never {
  if (me === 1) {
    runtime.exit(A.load(S, EXIT) - 1);
  }
  for (;;) A.wait(S, EXIT, A.load(S, EXIT)); // a worker stays parked; main ends the program
}

/** Ends the run with a report on stderr: main exits with `code`. */
function fail(report: string, code = 1): never {
  if (A.compareExchange(S, REPORTED, 0, 1) === 0) {
    runtime.writeLine("stderr", report);
    writeLog({ end: code === 3 ? "diverged" : "failed", report });
    A.store(S, EXIT, code + 1);
    A.notify(S, slotAt(1) + S_GO);
  }
  exitNow();
}

function stuck(runner: number): void {
  if (runner === 0) return;
  const s = state(runner);
  // Handed the turn, and never woke to take it: its worker is gone (terminated, killed).
  if ((s === READY || s === BLOCKED) && A.load(S, slotAt(runner) + S_GO) === 1) gone(runner);
  if (s !== RUNNING) return;
  const name = nameOf(runner);
  const report =
    `step mode: ${name} has run for over ${stuckMs()} ms without reaching a step point ` +
    "(a lock, print, sleep, a queue, an Atomics call on a shared array…), so no other " +
    "thread can take a step. A loop that waits on Date.now() or on plain reads of shared " +
    "memory cannot be stepped: wait with sleep(), an Event or Atomics.wait instead.";
  if (A.compareExchange(S, REPORTED, 0, 1) !== 0) return;
  runtime.writeLine("stderr", report);
  writeLog({ end: "stuck", report });
  A.store(S, EXIT, 2);
  A.notify(S, slotAt(1) + S_GO);
}

function gone(ident: number): void {
  const at = slotAt(ident);
  const last = S[at + S_LAST_STEP]!;
  const report =
    `step mode: ${nameOf(ident)} (thread ${ident}) was given the turn over ${stuckMs()} ms ago and ` +
    `has not taken it: its worker has ended outside its turn, without its end step (terminated, or ` +
    `killed). ${last === 0 ? "It took no step" : `Its last step was step ${last} (${readText(at, S_LAST, S_LAST_LENGTH)})`}; ` +
    `the run stops at step ${A.load(S, STEPS)}.`;
  if (A.compareExchange(S, REPORTED, 0, 1) !== 0) return;
  runtime.writeLine("stderr", report);
  writeLog({ end: "failed", report });
  A.store(S, EXIT, 2);
  A.notify(S, slotAt(1) + S_GO);
}

function nameOf(ident: number): string {
  if (ident === me) return current().name;
  return live().find((t) => t.ident === ident)?.name ?? `thread ${ident}`;
}

// ——— Deadlock: exact here — nobody can step, nobody has a timeout, not all have ended ———

function deadlock(): void {
  const names = new Map(live().map((t) => [t.ident, t.name]));
  const threads: WaitInfo[] = [];
  for (let ident = 1; ident < MAX_THREADS; ident++) {
    const s = state(ident);
    if (s === EMPTY || s === ENDED) continue;
    const at = slotAt(ident);
    const holder = S[at + S_HOLDER]!;
    threads.push({
      ident,
      name: names.get(ident) ?? `thread ${ident}`,
      state: s === BLOCKED ? "blocked" : "running",
      kind: KINDS[S[at + S_KIND]!] ?? "object",
      id: S[at + S_ID]!,
      op: OPS[S[at + S_OP]!] ?? "wait",
      holder: Math.abs(holder),
      viaHold: holder < 0,
      sinceMs: clock() - F[(at + S_SINCE) / 2]!,
      site: readSite(at),
      verified: 0,
    });
  }
  const report = formatReport(
    "deadlock: every thread is blocked, and none of them can wake another.",
    threads,
  );
  const graph = deadlockGraph(threads, findCycle(threads.filter((t) => t.state === "blocked")));
  const cycle = report.includes("\ncycle: ");
  const fix = cycle
    ? "Each thread in the cycle holds what the next one waits for: take the locks in one order everywhere, or use a timeout."
    : "Nothing will wake these threads: check which set(), notify(), put() or release() is missing.";
  if (A.compareExchange(S, REPORTED, 0, 1) !== 0) return;
  runtime.writeLine("stderr", `${report}\n${fix}\n(found in step mode, after step ${S[STEPS]})`);
  writeLog({ end: "deadlock", report, ...(stepHost.sink ? { graph } : {}) });
  A.store(S, EXIT, 2);
  A.notify(S, slotAt(1) + S_GO);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function writeText(
  at: number,
  field: number,
  lengthField: number,
  max: number,
  text: string,
): void {
  const bytes = encoder.encode(text).subarray(0, max);
  new Uint8Array(S.buffer, (at + field) * 4, max).set(bytes);
  S[at + lengthField] = bytes.length;
}

function readText(at: number, field: number, lengthField: number): string {
  return decoder.decode(new Uint8Array(S.buffer, (at + field) * 4, S[at + lengthField]!).slice());
}

const writeSite = (at: number, site: string): void =>
  writeText(at, S_SITE, S_SITE_LENGTH, SITE_BYTES, site);
const readSite = (at: number): string => readText(at, S_SITE, S_SITE_LENGTH);

/** With `pause`: what this thread's next step is, for the list a paused run shows. */
function noteNext(op: string, object?: string, extra?: object): void {
  if (S[PAUSE] === 0) return;
  const site = captureSite();
  const next = JSON.stringify({
    op,
    ...(object ? { object } : {}),
    ...extra,
    ...(site ? { site: shortSite(site), ...(stepHost.sink ? { frame: site } : {}) } : {}),
  });
  writeText(
    slotAt(me),
    S_NEXT,
    S_NEXT_LENGTH,
    NEXT_BYTES,
    encoder.encode(next).length > NEXT_BYTES ? JSON.stringify({ op }) : next,
  );
}

/** A replay with `pause` ran out of its list: write each enabled thread's next step, and end the run. */
function pause(found: number[]): never {
  const names = new Map(live().map((t) => [t.ident, t.name]));
  const enabled = found.map((ident) => ({
    thread: ident,
    name: names.get(ident) ?? `thread ${ident}`,
    ...(JSON.parse(readText(slotAt(ident), S_NEXT, S_NEXT_LENGTH) || "{}") as object),
  }));
  const blocked: { thread: number; name: string }[] = [];
  for (let ident = 1; ident < MAX_THREADS; ident++)
    if (state(ident) === BLOCKED)
      blocked.push({ thread: ident, name: names.get(ident) ?? `thread ${ident}` });
  if (A.compareExchange(S, REPORTED, 0, 1) === 0) {
    writeLog({ end: "paused", enabled, blocked });
    A.store(S, EXIT, 1);
    A.notify(S, slotAt(1) + S_GO);
  }
  exitNow();
}

const STATE_NAMES = ["ended", "starting", "ready", "blocked", "running", "ended"] as const;

/** Every thread of the run as a paused run shows it. */
function pausedThreads(): PausedThread[] {
  const names = new Map(live().map((t) => [t.ident, t.name]));
  const threads: PausedThread[] = [];
  for (let ident = 1, top = S[TOP]!; ident < top; ident++) {
    const s = state(ident);
    if (s === EMPTY) continue;
    const at = slotAt(ident);
    const thread: PausedThread = {
      thread: ident,
      name: ident === me ? current().name : (names.get(ident) ?? `thread ${ident}`),
      state: STATE_NAMES[s]!,
    };
    if (s === READY) thread.next = JSON.parse(readText(at, S_NEXT, S_NEXT_LENGTH) || "{}");
    if (s === BLOCKED) {
      const kind = KINDS[S[at + S_KIND]!];
      thread.waits = {
        object: kind ? `${kind} ${S[at + S_ID]}` : "an internal word",
        op: OPS[S[at + S_OP]!] ?? "wait",
        holder: Math.abs(S[at + S_HOLDER]!),
        site: readSite(at),
      };
    }
    threads.push(thread);
  }
  return threads;
}

/**
 * `pause: "live"`: the replay's list has run out. Shows the page every
 * thread and waits for its choice (`steer`): the next thread, or CONTINUE
 * (the random scheduler from here on). Every other thread is parked, so
 * nothing of the program runs while the page decides.
 */
function livePause(found: number[]): number {
  for (;;) {
    A.store(S, CHOICE, 0);
    writeLog({ paused: { step: A.load(S, STEPS), enabled: found, threads: pausedThreads() } });
    let choice = A.load(S, CHOICE);
    while (choice === 0) {
      if (A.load(S, EXIT) !== 0) exitNow();
      A.wait(S, CHOICE, 0, 500);
      choice = A.load(S, CHOICE);
    }
    if (choice === CONTINUE) {
      S[KIND] = SCHEDULERS.indexOf("random");
      S[RNG] = S[CHOICE_SEED]!;
      S[PAUSE] = 0;
      return found[random() % found.length]!;
    }
    if (found.includes(choice)) return choice;
    // A thread that cannot step: show the page the same choice again.
  }
}

// ——— Taking a step ———

/** Counts the step this thread is about to take (`what`: its op and object); applies PCT's change points. */
function take(what: string): number {
  const step = A.add(S, STEPS, 1) + 1;
  setState(me, RUNNING);
  S[LAST] = me;
  const at = slotAt(me);
  S[at + S_LAST_STEP] = step;
  writeText(at, S_LAST, S_LAST_LENGTH, LAST_BYTES, what);
  if (step > S[LIMIT]!)
    fail(
      `step mode: the run passed ${S[LIMIT]} steps. Cut the program's counts (threads, ` +
        "iterations) so that its schedule is short, or raise the limit.",
    );
  const depth = S[DEPTH]!;
  for (let i = 0; i < depth - 1; i++)
    if (S[CHANGE_AT + i] === step) S[slotAt(me) + S_PRIORITY] = depth - 1 - i; // below every initial one
  return step;
}

/** Whether steps are recorded: to the log file (Node), or to the page (`stepHost.sink`). */
const logging = (): boolean =>
  config.log !== undefined || (stepHost.sink !== null && S[LOGGING] === 1);

function record(step: number, fields: Omit<StepRecord, "step" | "thread" | "name">): void {
  if (!logging()) return;
  const site = captureSite();
  writeLog({
    step,
    thread: me,
    name: current().name,
    ...fields,
    enabled: [...S.subarray(ENABLED, ENABLED + S[ENABLED_COUNT]!)],
    ...(site ? { site: shortSite(site), ...(stepHost.sink ? { frame: site } : {}) } : {}),
    ...(clock() > 0 ? { clock: clock() } : {}),
  });
}

function writeLog(entry: object): void {
  if (stepHost.sink !== null) {
    if (S[LOGGING] === 1) stepHost.sink({ seq: A.add(S, SEQ, 1) + 1, ...entry });
    return;
  }
  if (config.log === undefined) return;
  const fs = (
    globalThis as {
      process?: { getBuiltinModule?: (id: string) => typeof import("node:fs") };
    }
  ).process?.getBuiltinModule?.("node:fs");
  if (!fs) return;
  if (logFd < 0) logFd = fs.openSync(config.log, "a");
  fs.writeSync(logFd, `${JSON.stringify(entry)}\n`);
}

/** A step point: wait for the turn, then take the step `op` (on `object`). */
function point(op: string, object?: string, text?: string): number {
  if (me === 0) return 0;
  noteNext(op, object);
  setState(me, READY);
  yieldTurn();
  const step = take(object ? `${op} ${object}` : op);
  record(step, { op, ...(object ? { object } : {}), ...(text === undefined ? {} : { text }) });
  return step;
}

/**
 * A wait that would block: this thread is not enabled until a step changes
 * its word (or the clock reaches its deadline). Same contract as `waitBlocking`.
 */
function stepWait(w: WaitFor): boolean {
  if (A.load(w.word, w.index) !== w.expected) return true;
  if (w.deadline <= clock()) return false;
  // A holder that ended (an abandoned lock): throw, or try again, as the live wait does.
  if (w.on?.tick?.()) return true;
  const at = slotAt(me);
  const on = w.on;
  S[at + S_KIND] = on ? KINDS.indexOf(on.kind) : -1;
  S[at + S_ID] = on?.id ?? 0;
  S[at + S_OP] = on ? OPS.indexOf(on.op) : -1;
  F[(at + S_DEADLINE) / 2] = w.deadline;
  F[(at + S_SINCE) / 2] = clock();
  writeSite(at, captureSite());
  let ok = false;
  S[at + S_HOLDER] = on?.holder?.() ?? 0;
  S[at + S_BLOCKED_AT] = A.load(S, STEPS);
  setState(me, BLOCKED);
  for (;;) {
    yieldTurn();
    if (state(me) === READY) break; // picked: take the step that ends the wait
    // Given the turn to look: enabled now (READY, until the scheduler picks it), or still blocked.
    if (A.load(w.word, w.index) !== w.expected || holderEnded(w)) {
      ok = true;
      noteNext("wake", on ? `${on.kind} ${on.id}` : undefined);
      setState(me, READY);
    } else if (w.deadline <= clock()) {
      ok = false;
      noteNext("timeout", on ? `${on.kind} ${on.id}` : undefined);
      setState(me, READY);
    } else {
      S[at + S_HOLDER] = on?.holder?.() ?? 0;
      S[at + S_BLOCKED_AT] = A.load(S, STEPS);
    }
  }
  F[(at + S_DEADLINE) / 2] = Number.POSITIVE_INFINITY;
  const label = on ? `${on.kind} ${on.id}` : undefined;
  const op = ok ? "wake" : "timeout";
  record(take(label ? `${op} ${label}` : op), { op, ...(label ? { object: label } : {}) });
  if (ok) on?.tick?.(); // a holder that ended: throws LockAbandonedError for the program's lock
  return ok;
}

/**
 * Whether the lock waited on is held by a thread that has ended: looking is
 * not a step, so the tick (which throws, or frees an internal lock) runs
 * only once this thread is picked, as its wake step.
 */
function holderEnded(w: WaitFor): boolean {
  const holder = Math.abs(w.on?.holder?.() ?? 0);
  return holder > 0 && w.on?.tick !== undefined && isEnded(holder);
}

function run<T>(loop: WaitLoop<T>): T {
  let next = loop.next(true);
  while (!next.done) next = loop.next(stepWait(next.value));
  return next.value;
}

const nap = new Int32Array(4); // never changes: a stepped sleep only times out

function sleep(ms: number): void {
  point("sleep", undefined, `${ms} ms`);
  stepWait({ word: nap, index: 0, expected: 0, deadline: clock() + ms });
}

// ——— Threads coming and going ———

/** Main's first line in step mode: sets the run up, with main holding the turn. */
function begin(): void {
  if (!(stepRequested || stepHost.config) || me !== 0) return;
  config = readConfig();
  checkConfig(config);
  createBlock(config);
  stepHost.sink?.({ block: S.buffer }); // the page steers a live pause through it
  me = current().ident;
  setStepping(true);
  wrapAtomics();
  A.store(S, TURN, me);
  chose([me], me);
  S[slotAt(me) + S_PRIORITY] = initialPriority();
  record(take("thread-start"), { op: "thread-start" });
}

function initialPriority(): number {
  return S[DEPTH]! + (random() % 1_000_000);
}

/** The starter's side of `Thread.start()`: the new thread counts as starting until it arrives. */
function started(identity: ThreadIdentity): void {
  if (identity.ident >= MAX_THREADS)
    fail(`step mode: a run may start at most ${MAX_THREADS - 2} threads.`);
  const at = slotAt(identity.ident);
  S[TOP] = Math.max(S[TOP]!, identity.ident + 1);
  S[at + S_DAEMON] = identity.daemon ? 1 : 0;
  S[at + S_PRIORITY] = initialPriority();
  setState(identity.ident, STARTING);
}

/** A thread's first line in step mode: adopt the block, arrive, wait for the turn. */
function enter(block: SharedArrayBuffer): void {
  S = new Int32Array(block);
  F = new Float64Array(block);
  config = readConfig();
  me = current().ident;
  setStepping(true);
  wrapAtomics();
  noteNext("thread-start");
  setState(me, READY);
  A.add(S, ARRIVALS, 1);
  A.notify(S, ARRIVALS);
  park();
  record(take("thread-start"), { op: "thread-start" });
}

/**
 * A thread has ended: it leaves, and hands the turn on if it had it. A
 * thread ends as a step: its last one is "thread-end", taken in its turn.
 * Any other end (its worker exited or was terminated — while parked, or in
 * the middle of its turn) is no step of the schedule, so the run could not
 * be replayed; it stops here, loudly, instead of going on to a wrong join
 * or a replay that diverges far from the cause. `why`: the error it ended
 * with, if any.
 */
function ended(ident: number, why?: string, name?: string): void {
  if (me === 0 || state(ident) === ENDED) return;
  const at = slotAt(ident);
  const turn = A.load(S, TURN) !== ident ? "off" : state(ident) === RUNNING ? "running" : "given";
  const asStep = readText(at, S_LAST, S_LAST_LENGTH) === "thread-end";
  setState(ident, ENDED);
  if (!asStep && A.load(S, EXIT) === 0 && A.load(S, FINISHED) === 0)
    endedOffStep(ident, name ?? nameOf(ident), turn, why);
  if (A.load(S, TURN) !== ident) return;
  const next = decide();
  if (next !== 0) handTo(next);
}

function endedOffStep(
  ident: number,
  name: string,
  turn: "running" | "given" | "off",
  why: string | undefined,
): never {
  const at = slotAt(ident);
  const last = S[at + S_LAST_STEP]!;
  const lastStep =
    last === 0
      ? "it had taken no step"
      : `its last step was step ${last} (${readText(at, S_LAST, S_LAST_LENGTH)})`;
  const when =
    turn === "running"
      ? "in the middle of its turn, without taking its end step"
      : turn === "given"
        ? "when it was given the turn, before it took its step"
        : `outside its turn (${nameOf(A.load(S, TURN))} had it)`;
  fail(
    `step mode: ${name} (thread ${ident}) ended ${when}, at step ${A.load(S, STEPS)}; ${lastStep}.` +
      `${why ? ` It ended with: ${why.replace(/\.$/, "")}.` : ""}` +
      " An end that is not a step cannot be replayed, so the run stops here. A thread in step mode" +
      " ends by returning or throwing; this one's worker exited (process.exit() in a thread) or was" +
      " terminated (its starter's worker ended, or the host stopped it).",
  );
}

/**
 * A thread that ended without entering step mode: its worker exited while it
 * booted (`process.exit` at its module's top level, a worker that could not
 * load). Its own worker says so, in its exit handler, since the starter's
 * event loop does not run during a stepped run. Its slot goes from STARTING
 * to ENDED, which the thread deciding (waiting for starters) takes as an
 * arrival: the thread's control block says DONE already, so a join of it
 * returns at once, in every schedule alike. Without this the run waited the
 * whole `startMs` (2 minutes) in silence.
 */
function endedUnentered(block: SharedArrayBuffer, ident: number): void {
  const words = new Int32Array(block);
  if (A.compareExchange(words, slotAt(ident) + S_STATE, STARTING, ENDED) !== STARTING) return;
  A.add(words, ARRIVALS, 1);
  A.notify(words, ARRIVALS);
}

/** Main's function returned: it ends as a thread, and waits until the others have. */
function mainEnd(): void {
  if (me !== 1) return;
  point("thread-end");
  ended(1);
  const go = slotAt(1) + S_GO;
  while (A.load(S, FINISHED) === 0) {
    if (A.load(S, EXIT) !== 0) exitNow();
    A.wait(S, go, A.load(S, go), 200);
  }
  writeLog({ end: "finished", steps: A.load(S, STEPS) });
}

// ——— The program's own Atomics calls ———

type AtomicsFn = (array: never, index: number, ...rest: number[]) => unknown;
let wrapped = false;

/**
 * Wraps `Atomics.*` so that a call on one of the program's shared arrays is
 * a step point. Core's own words pass straight through (one WeakSet lookup,
 * in step mode only); the engine uses the originals it took at import.
 */
function wrapAtomics(): void {
  if (wrapped) return;
  wrapped = true;
  wrapLock();
  const target = Atomics as unknown as Record<string, AtomicsFn>;
  for (const name of [
    "load",
    "store",
    "add",
    "sub",
    "and",
    "or",
    "xor",
    "exchange",
    "compareExchange",
  ]) {
    const original = target[name]!;
    target[name] = (array: never, index: number, ...rest: number[]) => {
      if (!isUserArray(array) || me === 0) return original(array, index, ...rest);
      const cells = array as unknown as Int32Array;
      if (S[PAUSE] !== 0)
        noteNext(`Atomics.${name}`, cellName(cells, index), {
          ...(logging() ? { array: arrayId(cells), index } : {}),
          ...(rest.length > 0 ? { values: rest.map(Number) } : {}),
        });
      setState(me, READY);
      yieldTurn();
      const step = take(`Atomics.${name} ${cellName(cells, index)}`);
      const before = Number(A.load(cells, index));
      const result = original(array, index, ...rest);
      const after = Number(A.load(cells, index));
      record(step, {
        op: `Atomics.${name}`,
        object: cellName(cells, index),
        before,
        after,
        ...(logging() ? { array: arrayId(cells), index } : {}),
      });
      return result;
    };
  }
  const wait = target.wait!;
  target.wait = (array: never, index: number, value: number, timeout?: number) => {
    if (!isUserArray(array) || me === 0) return wait(array, index, value, timeout as number);
    point("Atomics.wait", cellName(array, index));
    const cells = array as unknown as Int32Array;
    if (A.load(cells, index) !== value) return "not-equal";
    const forever = timeout === undefined || Number.isNaN(timeout) || timeout === Infinity;
    const deadline = forever ? Number.POSITIVE_INFINITY : clock() + Math.max(0, timeout);
    return stepWait({ word: cells, index, expected: value, deadline }) ? "ok" : "timed-out";
  };
  const notify = target.notify!;
  target.notify = (array: never, index: number, count?: number) => {
    if (!isUserArray(array) || me === 0) return notify(array, index, count as number);
    point("Atomics.notify", cellName(array, index));
    return notify(array, index, count as number); // stepped waiters watch the value, not the wake-up
  };
}

/**
 * `Lock` acquire and release are step points, wrapped here rather than
 * tested in the lock itself: the lock's fast path has not one instruction
 * more when step mode is off.
 */
function wrapLock(): void {
  const proto = Lock.prototype;
  const { acquire, acquireForHold, release } = proto;
  proto.acquire = function (this: Lock, options?: AcquireOptions): boolean {
    const label = this.stepLabel;
    if (label !== null) point("acquire", label);
    const got = acquire.call(this, options);
    if (got && label !== null) held(label, me);
    return got;
  };
  // hold() takes the lock through its own entry (it marks the holder as
  // taken by hold()), so it is a step point of its own.
  proto.acquireForHold = function (this: Lock): void {
    const label = this.stepLabel;
    if (label !== null) point("acquire", label);
    acquireForHold.call(this);
    if (label !== null) held(label, me);
  };
  // The async twins are their blocking twins in step mode (see `asStepped`).
  proto.acquireAsync = function (this: Lock, options?: AcquireOptions): Promise<boolean> {
    return asStepped(() => this.acquire(options));
  };
  proto.acquireForHoldAsync = function (this: Lock): Promise<void> {
    return asStepped(() => this.acquireForHold());
  };
  proto.release = function (this: Lock): void {
    const label = this.stepLabel;
    if (label !== null) point("release", label);
    release.call(this);
    if (label !== null) held(label, 0);
  };
}

/** For the page's view of the shared state: who holds a lock now (0: nobody), after the step that changed it. */
function held(label: string, holder: number): void {
  if (me !== 0 && stepHost.sink !== null) writeLog({ lock: label, holder, step: A.load(S, STEPS) });
}

// ——— The program's shared arrays, named alike in every thread ———

// Each worker's own handles: an id is given once (from the block's counter),
// and crosses to a thread with its arguments (`task`, `adopt`).
const arrayIds = new WeakMap<ArrayBufferLike, number>();

/** The id of a shared array in this run; a new one is numbered, and shown to the page. */
function arrayId(array: ArrayBufferView): number {
  const known = arrayIds.get(array.buffer);
  if (known !== undefined) return known;
  const id = A.add(S, ARRAYS, 1) + 1;
  arrayIds.set(array.buffer, id);
  if (stepHost.sink !== null && S[LOGGING] === 1) {
    const site = captureSite();
    writeLog({ array: id, view: array, site: shortSite(site), frame: site });
  }
  return id;
}

function made(array: ArrayBufferView): void {
  if (me !== 0) arrayId(array);
}

/**
 * The starter's side of array-id adoption: every shared array among a new
 * thread's arguments, however deep, is the program's (unless core marked it
 * its own: 0), here and in the thread, under one id.
 */
function task(args: readonly unknown[]): { step?: SharedArrayBuffer; stepArrays?: number[] } {
  if (me === 0) return {};
  const ids = sharedIn(args).map((array) => {
    if (isCoreArray(array)) return 0;
    markUser(array); // one made as new Int32Array(new SharedArrayBuffer(…)) too
    return arrayId(array);
  });
  return { step: stepBlock(), stepArrays: ids };
}

/** The thread's side: its arguments' shared arrays are the program's (or core's) as their starter said, under its ids. */
function adopt(args: unknown[], ids: number[] | undefined): void {
  if (!ids) return;
  sharedIn(args).forEach((array, i) => {
    const id = ids[i] ?? 0;
    if (id === 0) return;
    markUser(array);
    if (!arrayIds.has(array.buffer)) arrayIds.set(array.buffer, id);
  });
}

function cellName(array: ArrayBufferView, index: number): string {
  const length = (array as Int32Array).length;
  return `${array.constructor.name}(${length})[${index}]`;
}

Object.assign(steps, {
  point,
  run,
  sleep,
  now: clock,
  begin,
  mainEnd,
  enter,
  started,
  ended,
  endedUnentered,
  block: stepBlock,
  task,
  adopt,
  made,
});
