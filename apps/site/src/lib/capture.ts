/**
 * The shape of `packages/lessons/NN-slug/capture/run.json`, written by
 * `unravel-lesson capture` (see docs/ARCHITECTURE.md). The site only reads it.
 */

export type Stream = "stdout" | "stderr";

export interface OutputLine {
  stream: Stream;
  text: string;
  /** Milliseconds since the run started. */
  t?: number;
}

/** One trace event; `t` is in milliseconds, comparable across threads. */
export interface TraceEvent {
  kind:
    | "thread-start"
    | "thread-end"
    | "print"
    | "block"
    | "unblock"
    | "acquire"
    | "release"
    | "signal"
    | (string & {});
  t: number;
  thread: number | string;
  name?: string;
  daemon?: boolean;
  error?: unknown;
  text?: string;
  object?: string;
  op?: string;
  ok?: boolean;
}

export interface ProgramRun {
  command: string;
  exitCode: number;
  durationMs: number;
  lines: OutputLine[];
  trace?: { events: TraceEvent[] };
}

export interface RunCapture {
  lesson: string;
  capturedAt: string;
  typescript: ProgramRun;
  python?: ProgramRun;
}

/** Checks the parts of run.json the site relies on; throws naming the file and the field. */
export function validateCapture(value: unknown, file: string): RunCapture {
  const fail = (what: string): never => {
    throw new Error(
      `${file}: ${what}. Re-capture with \`pnpm turbo run capture\` from the repo root.`,
    );
  };
  if (typeof value !== "object" || value === null) fail("not a JSON object");
  const run = value as Partial<RunCapture>;
  const checkProgram = (p: unknown, key: string) => {
    if (typeof p !== "object" || p === null) fail(`"${key}" is missing`);
    const prog = p as Partial<ProgramRun>;
    if (!Array.isArray(prog.lines)) fail(`"${key}.lines" is not an array`);
    if (typeof prog.exitCode !== "number") fail(`"${key}.exitCode" is not a number`);
  };
  checkProgram(run.typescript, "typescript");
  if (run.python !== undefined) checkProgram(run.python, "python");
  return run as RunCapture;
}
