/**
 * `unravel-lesson capture`: runs a lesson's TypeScript (with tracing on)
 * and its Python twin, and writes what they printed, and when, to
 * `capture/run.json`. The only writer of that file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withCaptureLock } from "./capture-lock.ts";
import { parseLessonId } from "./lessons.ts";
import { loadAverage, type Machine, machine } from "./machine.ts";
import { formatRun, type OutputLine, type ProcessRun, runProcess } from "./process.ts";
import {
  hasProgram,
  type Language,
  type Program,
  pythonProgram,
  typescriptProgram,
} from "./programs.ts";
import {
  type CaptureDeclaration,
  type CheckResults,
  DECLARATION_FILE,
  DEFAULT_ATTEMPTS,
  loadDeclaration,
  runChecks,
  runView,
} from "./representative.ts";
import { normaliseTrace, readTraceFile, type TraceEvent } from "./trace.ts";

export interface CapturedRun {
  command: string;
  exitCode: number;
  durationMs: number;
  lines: OutputLine[];
  /** The 1-, 5- and 15-minute load averages just before and just after this run. */
  load: { before: [number, number, number]; after: [number, number, number] };
}

export interface RunRecord {
  /** The lesson folder name, e.g. `03-join`. */
  lesson: string;
  capturedAt: string;
  /** Where and how the runs were made, so that two captures can be compared. */
  conditions: {
    machine: Machine;
    /** Other lessons' captures do not run meanwhile (the machine's capture lock). */
    exclusive: true;
    /** How long this capture waited for the others before it ran. */
    waitedMs: number;
  };
  /** What `test/capture.ts` asked the runs to show, and the runs refused for missing it. */
  representative: {
    checks: { typescript: string[]; python: string[] };
    /** Runs made, the published ones included. */
    attempts: number;
    /** Each refused run: which program, the load it ran at, what it showed instead. */
    rejected: string[];
    /** The published runs' pending checks: what they showed (`seen: null`: passed). */
    pending: { language: Language; check: string; pending: string; seen: string | null }[];
  };
  typescript: CapturedRun & { trace: { events: TraceEvent[] } };
  /** Absent when the lesson has no `python/main.py`. */
  python?: CapturedRun;
}

/** A lesson program that failed or timed out, or a run that is not representative; the message says which. */
export class CaptureError extends Error {
  override name = "CaptureError";
}

export interface CaptureOptions {
  /** Per program. @default 120000 */
  timeoutMs?: number;
  /** Runs per program before a non-representative capture fails. @default the declaration's, or 3 */
  attempts?: number;
  /** The capture lock's directory (see `capture-lock.ts`). */
  lockPath?: string;
}

/** Where `capture` writes, relative to the lesson folder. */
export const RUN_FILE = "capture/run.json";

/**
 * Runs the lesson in `dir` and writes `capture/run.json`; returns what it
 * wrote. Holds the machine's capture lock while the programs run, and runs
 * each again (up to `attempts` runs) while it misses what `test/capture.ts`
 * says it must show; if every run misses, throws and writes nothing.
 */
export async function capture(dir: string, options: CaptureOptions = {}): Promise<RunRecord> {
  const id = parseLessonId(dir);
  if (!id) throw new CaptureError(`${dir} is not a lesson folder: its name must be NN-slug`);
  const out = join(dir, RUN_FILE);
  rmSync(out, { force: true }); // a failed capture must not leave a stale one behind

  const declaration = await loadDeclaration(dir).catch((error: unknown) => {
    throw new CaptureError(`${id.id}: ${error instanceof Error ? error.message : error}`);
  });
  const attempts = options.attempts ?? declaration?.attempts ?? DEFAULT_ATTEMPTS;
  const withPython = hasProgram(dir, pythonProgram);
  const host = machine(withPython);
  const rejected: string[] = [];
  const pending: RunRecord["representative"]["pending"] = [];
  let runs = 0;

  const record = await withCaptureLock(
    async ({ waitedMs }) => {
      const a: Attempts = {
        attempts,
        options,
        rejected,
        pending,
        cores: host.cores,
        count: () => runs++,
      };
      const typescript = await representativeRun(dir, typescriptProgram, declaration, a);
      const record: RunRecord = {
        lesson: id.id,
        capturedAt: new Date().toISOString(),
        conditions: { machine: host, exclusive: true, waitedMs },
        representative: { checks: checkNames(declaration), attempts: 0, rejected, pending },
        typescript: typescript as RunRecord["typescript"],
      };
      if (withPython) {
        record.python = await representativeRun(dir, pythonProgram, declaration, a);
      }
      return record;
    },
    { path: options.lockPath, label: `capture of ${id.id}` },
  ).catch((error: unknown) => {
    if (error instanceof NotRepresentative) throw new CaptureError(error.explain(id.id, dir));
    throw error;
  });
  record.representative.attempts = runs;
  mkdirSync(join(dir, "capture"), { recursive: true });
  writeFileSync(out, `${formatRecord(record)}\n`);
  return record;
}

function checkNames(d: CaptureDeclaration | null): RunRecord["representative"]["checks"] {
  return { typescript: Object.keys(d?.typescript ?? {}), python: Object.keys(d?.python ?? {}) };
}

interface Attempts {
  attempts: number;
  options: CaptureOptions;
  rejected: string[];
  pending: RunRecord["representative"]["pending"];
  cores: number;
  count: () => unknown;
}

/**
 * Runs `program` until a run shows what the declaration asks of it, at most
 * `attempts` times. A run that passes every enforced check but misses a
 * pending one is kept, and the next runs try for one that passes them all;
 * if none does, the first kept run is published, its pending misses recorded.
 */
async function representativeRun(
  dir: string,
  program: Program,
  declaration: CaptureDeclaration | null,
  a: Attempts,
): Promise<CapturedRun & { trace?: { events: TraceEvent[] } }> {
  const checks = declaration?.[program.language];
  // Each run's misses, by run; the published run's are not a refusal.
  const misses: (string | null)[] = [];
  type Kept = {
    result: CapturedRun & { trace?: { events: TraceEvent[] } };
    pending: CheckResults["pending"];
    run: number;
  };
  let kept: Kept | null = null;
  const publish = (k: Kept) => {
    for (const p of k.pending) a.pending.push({ language: program.language, ...p });
    misses.forEach((line, i) => {
      if (line !== null && i !== k.run) a.rejected.push(line);
    });
    return k.result;
  };
  for (let attempt = 1; attempt <= a.attempts; attempt++) {
    a.count();
    const before = loadAverage();
    const { run, events } = await runOnce(dir, program, a.options);
    const load = { before, after: loadAverage() };
    const view = runView(program.language, run, events ?? []);
    const { failed, pending } = runChecks(checks, view);
    const base = captured(program, run, load);
    const result = events ? { ...base, trace: { events } } : base;
    const missedPending = pending.filter((p) => p.seen !== null);
    const index = attempt - 1;
    if (failed.length === 0 && missedPending.length === 0) {
      misses.push(null);
      return publish({ result, pending, run: index });
    }
    if (failed.length === 0) kept ??= { result, pending, run: index };
    const what = [...failed, ...missedPending.map((p) => `${p.check} (pending): ${p.seen}`)];
    misses.push(
      `\`${program.command}\` run ${attempt} (load ${load.before[0]}, ${a.cores} cores, ` +
        `${Math.round(run.durationMs)} ms): ${what.join("; ")}`,
    );
  }
  if (kept) return publish(kept);
  for (const line of misses) if (line !== null) a.rejected.push(line);
  const enforced = Object.entries(checks ?? {}).filter(([, c]) => typeof c === "function");
  throw new NotRepresentative(
    program,
    enforced.map(([name]) => name),
    misses.filter((line) => line !== null),
  );
}

class NotRepresentative extends Error {
  readonly program: Program;
  readonly checks: string[];
  readonly runs: string[];

  constructor(program: Program, checks: string[], runs: string[]) {
    super(`${program.command}: not representative`);
    this.program = program;
    this.checks = checks;
    this.runs = runs;
  }

  explain(lesson: string, dir: string): string {
    const slug = parseLessonId(dir)?.slug ?? lesson;
    return [
      `${lesson}: the captured run is not representative, so it was not published (no ${RUN_FILE}).`,
      `${DECLARATION_FILE} says \`${this.program.command}\` must show:`,
      ...this.checks.map((c) => `  - ${c}`),
      `${this.runs.length} run${this.runs.length === 1 ? "" : "s"} made, none showed it all:`,
      ...this.runs.map((r) => `  ${r}`),
      "A busy machine delays threads: run it again when the machine is quieter " +
        `(pnpm --filter @unravel/lesson-${slug} run capture). If it fails on a quiet machine, ` +
        `the sample, the prose or ${DECLARATION_FILE} is wrong.`,
    ].join("\n");
  }
}

async function runOnce(
  dir: string,
  program: Program,
  options: CaptureOptions,
): Promise<{ run: ProcessRun; events?: TraceEvent[] }> {
  if (program.language !== "typescript")
    return { run: await runChecked(dir, program, {}, options) };
  const traceDir = mkdtempSync(join(tmpdir(), "unravel-trace-"));
  const traceFile = join(traceDir, "trace.jsonl");
  try {
    const run = await runChecked(dir, program, { UNRAVEL_TRACE: traceFile }, options);
    return { run, events: normaliseTrace(readTraceFile(traceFile), run.startedAt) };
  } finally {
    rmSync(traceDir, { recursive: true, force: true });
  }
}

/**
 * JSON, indented, but with each output line and trace event on one line
 * of its own: readable in a diff, and a third of the size.
 */
export function formatRecord(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const flat = value.every((v) => typeof v !== "object" || v === null || !hasObjects(v));
    const items = value.map((v) => (flat ? JSON.stringify(v) : formatRecord(v, inner)));
    return `[\n${items.map((item) => inner + item).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const fields = entries.map(
      ([k, v]) => `${inner}${JSON.stringify(k)}: ${formatRecord(v, inner)}`,
    );
    return `{\n${fields.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Whether an object holds nested objects or arrays (then it is spread over lines). */
function hasObjects(value: object): boolean {
  return Object.values(value).some((v) => typeof v === "object" && v !== null);
}

async function runChecked(
  dir: string,
  program: Program,
  env: Record<string, string>,
  options: CaptureOptions,
): Promise<ProcessRun> {
  const run = await runProcess(program.executable, program.args, {
    cwd: dir,
    env: { ...program.env, ...env },
    timeoutMs: options.timeoutMs,
  });
  if (run.timedOut || run.exitCode !== 0) {
    throw new CaptureError(`\`${program.command}\` failed in ${dir}:\n${formatRun(run)}`);
  }
  return run;
}

function captured(program: Program, run: ProcessRun, load: CapturedRun["load"]): CapturedRun {
  return {
    command: program.command,
    exitCode: run.exitCode!,
    durationMs: Math.round(run.durationMs * 10) / 10,
    load,
    lines: run.lines,
  };
}
