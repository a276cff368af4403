/**
 * The shape of `startRun` from `@unravel/core/host`, as the site uses it.
 * Kept here so the Run button's code states exactly what it relies on.
 */
import type { TraceEvent } from "./capture.ts";

export interface RunLine {
  stream: "stdout" | "stderr";
  text: string;
  thread?: number | string;
}

export interface RunResult {
  exitCode: number;
  reason: "finished" | "stopped" | "timeout" | "error";
  error?: string;
}

export interface RunHandle {
  done: Promise<RunResult>;
  stop(): void;
}

export type StartRun = (
  moduleUrl: string,
  options: {
    onLine?: (line: RunLine) => void;
    onTrace?: (event: TraceEvent) => void;
    timeoutMs?: number;
  },
) => RunHandle;
