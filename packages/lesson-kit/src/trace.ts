/**
 * Reads the trace that `@unravel/core` writes when `UNRAVEL_TRACE` names a
 * file: one JSON event per line, `t` in milliseconds since the epoch. The
 * capture stores `t` as milliseconds since the run started, like the
 * output lines, so that both can be drawn on one time axis.
 */
import { existsSync, readFileSync } from "node:fs";

export interface TraceEvent {
  /** Milliseconds: since the epoch as written, since the run started once read. */
  t: number;
  /** The ident of the thread the event belongs to. */
  thread: number;
  kind: string;
  [field: string]: unknown;
}

/** Parses a trace file's lines; a missing file is an empty trace. */
export function readTraceFile(file: string): TraceEvent[] {
  if (!existsSync(file)) return [];
  const events: TraceEvent[] = [];
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      // A thread killed mid-write can leave a torn last line; anything else is a bug.
      if (index === lines.length - 1) return;
      throw new Error(`trace file ${file}, line ${index + 1}: not JSON: ${line.slice(0, 80)}`);
    }
    if (!isEvent(event))
      throw new Error(`trace file ${file}, line ${index + 1}: not a trace event`);
    events.push(event);
  });
  return events;
}

function isEvent(value: unknown): value is TraceEvent {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.t === "number" && typeof e.thread === "number" && typeof e.kind === "string";
}

/** Makes `t` relative to `startedAt` (epoch ms) and sorts the events by time. */
export function normaliseTrace(events: TraceEvent[], startedAt: number): TraceEvent[] {
  return events
    .map((e) => ({ ...e, t: Math.round((e.t - startedAt) * 100) / 100 }))
    .sort((a, b) => a.t - b.t);
}
