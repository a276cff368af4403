/**
 * What a lesson's captured run must show for its page to tell the truth.
 * The prose says "the four workers overlap" or "about six beats while the
 * thread works"; a run on a busy machine can show otherwise while still
 * passing the lesson's invariants (which hold for every run). A lesson
 * declares these expectations in `test/capture.ts`; `capture` checks them
 * on each run's lines and trace and publishes no run that misses one.
 *
 * ```ts
 * import { defineCapture, threadSpans, overlapMs } from "@unravel/lesson-kit/capture";
 * export default defineCapture({
 *   typescript: {
 *     "the four workers are alive at the same moment": (run) => { … },
 *   },
 * });
 * ```
 *
 * A check returns nothing when the run shows what it must, or a sentence
 * saying what the run showed instead (it may also throw an Error).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LESSON_FILES } from "./lessons.ts";
import type { OutputLine } from "./process.ts";
import type { Language } from "./programs.ts";
import type { TraceEvent } from "./trace.ts";

/** One captured run, as a check sees it. */
export interface RunView {
  language: Language;
  /** The stdout lines with their times (ms since the run started). */
  lines: { text: string; t: number }[];
  /** The same lines' text. */
  texts: string[];
  /** The trace (TypeScript only; empty for Python). */
  events: TraceEvent[];
  durationMs: number;
}

/** `undefined` when the run shows what it must; otherwise what it showed instead. */
export type RunCheck = (run: RunView) => string | undefined;

/**
 * A check the library cannot meet yet, with the reason (a measured figure,
 * the issue that will fix it). It is run and its result recorded in
 * `run.json` and printed, but a miss does not refuse the run; once it
 * passes, `capture` says so, so that `pending` is not left behind.
 */
export interface PendingCheck {
  check: RunCheck;
  pending: string;
}

export type Check = RunCheck | PendingCheck;

export interface CaptureDeclaration {
  /** Check name (what the run must show) → check, for `node src/main.ts`. */
  typescript?: Record<string, Check>;
  /** The same for `python3 python/main.py`. */
  python?: Record<string, Check>;
  /** Runs `capture` may make before it gives up. @default 3 */
  attempts?: number;
}

/** Where a lesson declares its expectations, relative to its folder. */
export const DECLARATION_FILE = LESSON_FILES.captureChecks;

export const DEFAULT_ATTEMPTS = 3;

/** Types a declaration (and checks its shape at load time). */
export function defineCapture(declaration: CaptureDeclaration): CaptureDeclaration {
  return declaration;
}

/** Reads the lesson's `test/capture.ts`; none means nothing to check. */
export async function loadDeclaration(dir: string): Promise<CaptureDeclaration | null> {
  const file = join(dir, DECLARATION_FILE);
  if (!existsSync(file)) return null;
  // A lesson's own file, found at run time (the site's build must not try to bundle it).
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: unknown };
  const d = mod.default;
  const problem = shapeProblem(d);
  if (problem) throw new Error(`${file}: ${problem}`);
  return d as CaptureDeclaration;
}

function shapeProblem(d: unknown): string | null {
  const fix = "export default defineCapture({ typescript: { 'what it must show': (run) => … } })";
  if (typeof d !== "object" || d === null) return `no default export; write ${fix}`;
  for (const [key, value] of Object.entries(d)) {
    if (key === "attempts") {
      if (!Number.isInteger(value) || (value as number) < 1)
        return `attempts must be a whole number ≥ 1, not ${String(value)}`;
    } else if (key === "typescript" || key === "python") {
      if (typeof value !== "object" || value === null) return `${key} must map names to checks`;
      for (const [name, check] of Object.entries(value)) {
        const pending = typeof check === "object" && check !== null;
        const c = check as Partial<PendingCheck>;
        if (pending && (typeof c.check !== "function" || typeof c.pending !== "string"))
          return `${key}["${name}"] must be a function or { check, pending: "why not yet" }`;
        if (!pending && typeof check !== "function") return `${key}["${name}"] is not a function`;
      }
    } else {
      return `unknown key "${key}" (expected typescript, python, attempts)`;
    }
  }
  return null;
}

export function runView(
  language: Language,
  run: { lines: OutputLine[]; durationMs: number },
  events: TraceEvent[] = [],
): RunView {
  const lines = run.lines.filter((l) => l.stream === "stdout").map(({ text, t }) => ({ text, t }));
  return { language, lines, texts: lines.map((l) => l.text), events, durationMs: run.durationMs };
}

export interface CheckResults {
  /** Each failed check (not pending) as "<name>: <what the run showed>". */
  failed: string[];
  /** Each pending check, with what the run showed (`null`: it passed). */
  pending: { check: string; pending: string; seen: string | null }[];
}

/** Runs every check on one run. */
export function runChecks(checks: Record<string, Check> | undefined, run: RunView): CheckResults {
  const results: CheckResults = { failed: [], pending: [] };
  for (const [name, entry] of Object.entries(checks ?? {})) {
    const fn = typeof entry === "function" ? entry : entry.check;
    let seen: unknown;
    try {
      seen = fn(run);
    } catch (error) {
      seen = error instanceof Error ? error.message : String(error);
    }
    const shown = typeof seen === "string" ? seen : null;
    if (typeof entry !== "function")
      results.pending.push({ check: name, pending: entry.pending, seen: shown });
    else if (shown !== null) results.failed.push(`${name}: ${shown}`);
  }
  return results;
}

/** A thread's life in the trace: from its first line to the end of its target. */
export interface ThreadSpan {
  thread: number;
  name: string;
  start: number;
  /** `Infinity` when the trace has no end for it (a daemon still running at exit). */
  end: number;
}

/** Every thread's span, in the order they started. */
export function threadSpans(events: TraceEvent[]): ThreadSpan[] {
  const spans = new Map<number, ThreadSpan>();
  for (const e of events) {
    if (e.kind === "thread-start")
      spans.set(e.thread, { thread: e.thread, name: String(e.name), start: e.t, end: Infinity });
    else if (e.kind === "thread-end") {
      const span = spans.get(e.thread);
      if (span) span.end = e.t;
    }
  }
  return [...spans.values()];
}

/** How long all of `spans` were alive at once (0 when some never met). */
export function overlapMs(spans: Pick<ThreadSpan, "start" | "end">[]): number {
  if (spans.length === 0) return 0;
  const from = Math.max(...spans.map((s) => s.start));
  const to = Math.min(...spans.map((s) => s.end));
  return Math.max(0, to - from);
}

/** The index of the first line equal to (or matching) `what` at or after `from`; -1 if none. */
export function lineIndex(texts: string[], what: string | RegExp, from = 0): number {
  for (let i = Math.max(0, from); i < texts.length; i++) {
    const text = texts[i]!;
    if (typeof what === "string" ? text === what : what.test(text)) return i;
  }
  return -1;
}

/** Milliseconds, for messages: `183 ms`. */
export const ms = (value: number) => `${Math.round(value)} ms`;
