/**
 * `unravel-lesson capture`: runs a lesson's TypeScript (with tracing on)
 * and its Python twin, and writes what they printed, and when, to
 * `capture/run.json`. The only writer of that file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseLessonId } from "./lessons.ts";
import { formatRun, type OutputLine, type ProcessRun, runProcess } from "./process.ts";
import { hasProgram, type Program, pythonProgram, typescriptProgram } from "./programs.ts";
import { normaliseTrace, readTraceFile, type TraceEvent } from "./trace.ts";

export interface CapturedRun {
  command: string;
  exitCode: number;
  durationMs: number;
  lines: OutputLine[];
}

export interface RunRecord {
  /** The lesson folder name, e.g. `03-join`. */
  lesson: string;
  capturedAt: string;
  typescript: CapturedRun & { trace: { events: TraceEvent[] } };
  /** Absent when the lesson has no `python/main.py`. */
  python?: CapturedRun;
}

/** A lesson program that failed or timed out; its message shows the output. */
export class CaptureError extends Error {
  override name = "CaptureError";
}

export interface CaptureOptions {
  /** Per program. @default 120000 */
  timeoutMs?: number;
}

/** Where `capture` writes, relative to the lesson folder. */
export const RUN_FILE = "capture/run.json";

/** Runs the lesson in `dir` and writes `capture/run.json`; returns what it wrote. */
export async function capture(dir: string, options: CaptureOptions = {}): Promise<RunRecord> {
  const id = parseLessonId(dir);
  if (!id) throw new CaptureError(`${dir} is not a lesson folder: its name must be NN-slug`);
  const out = join(dir, RUN_FILE);
  rmSync(out, { force: true }); // a failed capture must not leave a stale one behind

  const traceDir = mkdtempSync(join(tmpdir(), "unravel-trace-"));
  const traceFile = join(traceDir, "trace.jsonl");
  let typescript: RunRecord["typescript"];
  try {
    const run = await runChecked(dir, typescriptProgram, { UNRAVEL_TRACE: traceFile }, options);
    const events = normaliseTrace(readTraceFile(traceFile), run.startedAt);
    typescript = { ...captured(typescriptProgram, run), trace: { events } };
  } finally {
    rmSync(traceDir, { recursive: true, force: true });
  }
  const record: RunRecord = { lesson: id.id, capturedAt: new Date().toISOString(), typescript };
  if (hasProgram(dir, pythonProgram)) {
    record.python = captured(pythonProgram, await runChecked(dir, pythonProgram, {}, options));
  }
  mkdirSync(join(dir, "capture"), { recursive: true });
  writeFileSync(out, `${formatRecord(record)}\n`);
  return record;
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

function captured(program: Program, run: ProcessRun): CapturedRun {
  return {
    command: program.command,
    exitCode: run.exitCode!,
    durationMs: Math.round(run.durationMs * 10) / 10,
    lines: run.lines,
  };
}
