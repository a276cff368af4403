/**
 * Optional tracing: what each thread did and when, for the site's timelines.
 * Off by default; when off, a call site costs one property read
 * (`if (tracer.on) …`). The runtime decides where events go.
 */
import { current } from "../thread/context.ts";

export type TraceKind =
  | "thread-start"
  | "thread-end"
  | "print"
  | "block"
  | "unblock"
  | "acquire"
  | "release"
  | "signal"
  /** The thread reached the detail limit: later lock, event and queue events are not recorded. */
  | "limit";

export interface TraceEvent {
  /** Milliseconds since the epoch, with sub-millisecond precision, comparable across threads. */
  t: number;
  /** The ident of the thread that did it. */
  thread: number;
  kind: TraceKind;
  /** A label of the primitive involved, such as `Lock 1` or `Thread worker-2`. */
  object?: string;
  /** The operation: acquire, wait, join, get, put, sleep, set, notify, … */
  op?: string;
  /** For `unblock`: `false` when the wait timed out. */
  ok?: boolean;
  /** For `print`: the line. */
  text?: string;
  /** For `thread-start`: the thread's name and daemon flag. */
  name?: string;
  daemon?: boolean;
  /** For `thread-end`: the error that ended the thread, if any. */
  error?: string;
}

export const tracer: { on: boolean; sink: (event: TraceEvent) => void } = {
  on: false,
  sink: () => {},
};

/**
 * A thread records at most this many detail events (lock, event, queue…); its
 * start, end and printed lines are always recorded. A timeline needs the
 * shape of what happened, not each of a million increments.
 */
export const DETAIL_LIMIT = 2000;
let details = 0;

const ALWAYS: ReadonlySet<TraceKind> = new Set(["thread-start", "thread-end", "print"]);

/** Records one event. Call sites check `tracer.on` first. */
export function trace(
  kind: TraceKind,
  fields: Omit<TraceEvent, "t" | "thread" | "kind"> = {},
): void {
  if (!ALWAYS.has(kind)) {
    if (details > DETAIL_LIMIT) return;
    if (++details > DETAIL_LIMIT) kind = "limit";
  }
  tracer.sink({
    t: performance.timeOrigin + performance.now(),
    thread: current().ident,
    kind,
    ...(kind === "limit" ? {} : fields),
  });
}
