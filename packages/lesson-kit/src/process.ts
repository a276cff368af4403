/**
 * Runs a program as a child process and records every line it writes, on
 * which stream and when (milliseconds since the process was started).
 */
import { spawn } from "node:child_process";

export interface OutputLine {
  stream: "stdout" | "stderr";
  text: string;
  /** Milliseconds since the run started. */
  t: number;
}

export interface ProcessRun {
  exitCode: number | null;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
  /** True when the run was killed for taking longer than `timeoutMs`. */
  timedOut: boolean;
  /** When the process was spawned, in milliseconds since the epoch. */
  startedAt: number;
  durationMs: number;
  /** Every line of stdout and stderr, in the order they arrived. */
  lines: OutputLine[];
}

export interface RunOptions {
  cwd: string;
  /** Added to the parent's environment. */
  env?: Record<string, string>;
  /** Kill the process after this many milliseconds. @default 120000 */
  timeoutMs?: number;
}

// Generous: a lesson runs in seconds, but a loaded CI machine can be
// many times slower. The limit is there to end a hang, not to time.
export const DEFAULT_TIMEOUT_MS = 120_000;

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Runs `command args…` to its end; never rejects for a failing program. */
export function runProcess(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<ProcessRun> {
  const { cwd, env = {}, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  return new Promise((resolve, reject) => {
    const startedAt = performance.timeOrigin + performance.now();
    const since = () => round(performance.timeOrigin + performance.now() - startedAt);
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: OutputLine[] = [];
    const readers = (["stdout", "stderr"] as const).map((stream) =>
      lineReader(stream, lines, since),
    );
    child.stdout.on("data", (chunk: Buffer) => readers[0]!.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => readers[1]!.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command}: ${error.message}`, { cause: error }));
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      for (const reader of readers) reader.end();
      resolve({ exitCode, signal, timedOut, startedAt, durationMs: since(), lines });
    });
  });
}

/** Splits one stream into lines, stamping each with the time its end arrived. */
function lineReader(stream: OutputLine["stream"], lines: OutputLine[], since: () => number) {
  const decoder = new TextDecoder();
  let partial = "";
  const emit = (text: string) => lines.push({ stream, text: text.replace(/\r$/, ""), t: since() });
  return {
    push(chunk: Buffer) {
      const parts = (partial + decoder.decode(chunk, { stream: true })).split("\n");
      partial = parts.pop()!;
      for (const text of parts) emit(text);
    },
    end() {
      partial += decoder.decode();
      if (partial !== "") emit(partial);
      partial = "";
    },
  };
}

/** The run's output as a learner would read it in a terminal. */
export function formatRun(run: ProcessRun): string {
  const status = run.timedOut
    ? "timed out"
    : run.signal
      ? `killed by ${run.signal}`
      : `exit code ${run.exitCode}`;
  const body = run.lines
    .map((l) => (l.stream === "stderr" ? `[stderr] ${l.text}` : l.text))
    .join("\n");
  return `${body}${body ? "\n" : ""}(${status} after ${Math.round(run.durationMs)} ms)`;
}
