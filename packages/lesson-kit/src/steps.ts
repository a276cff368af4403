/**
 * What the main thread did, in its own order, read from a run's trace:
 * the lines it printed and the joins it waited in. A thread's own events
 * are written in program order, so this order is a fact of the program,
 * not of one interleaving of its threads.
 */
import type { TraceEvent } from "./trace.ts";

export type MainStep = { kind: "print"; text: string } | { kind: "join"; object: string };

/** The main thread's prints and joins (where each join began), in order. */
export function mainSteps(trace: TraceEvent[]): MainStep[] {
  const start = trace.find((e) => e.kind === "thread-start" && e.name === "MainThread");
  if (start === undefined) throw new Error("the trace has no MainThread thread-start event");
  return trace.flatMap((e): MainStep[] => {
    if (e.thread !== start.thread) return [];
    if (e.kind === "print") return [{ kind: "print", text: String(e.text) }];
    if (e.kind === "block" && e.op === "join") return [{ kind: "join", object: String(e.object) }];
    return [];
  });
}
