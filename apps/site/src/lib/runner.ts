/**
 * The Run button's engine, loaded only when the reader clicks Run: starts the
 * lesson's browser bundle through `@unravel/core/host`, streams its lines
 * into the output box and redraws the timeline as trace events arrive.
 */
import {
  type OutputLine,
  type Run,
  type RunResult,
  startRun,
  type TraceEvent,
} from "@unravel/core/host";
import { buildTimeline, renderTimelineSvg, renderTimelineTable } from "./timeline.ts";

export interface RunView {
  /** Where lines go (a `<span>` inside the terminal's `<pre>`). */
  lines: HTMLElement;
  /** Where the live timeline SVG goes. */
  timeline: HTMLElement;
  /** Where its text alternative goes once the run ends (inside a hidden `<details>`). */
  table: HTMLElement;
}

/** How a run ended, with what the lesson's checks read: its stdout lines and its trace. */
export interface RunEnd extends RunResult {
  lines: number;
  stdout: string[];
  trace: TraceEvent[];
}

export interface LiveRun {
  done: Promise<RunEnd>;
  stop(): void;
}

export interface RunOptions {
  timeoutMs: number;
  /** Rewrites a line before it is shown (an edited program's stack, to the learner's lines). */
  rewrite?: (line: OutputLine) => string;
}

/** Starts one run; the view is cleared first, so running twice starts fresh. */
export function runLesson(moduleUrl: string, view: RunView, options: RunOptions): LiveRun {
  const { timeoutMs, rewrite = (line: OutputLine) => line.text } = options;
  view.lines.replaceChildren();
  view.timeline.replaceChildren();
  view.table.replaceChildren();
  const details = view.table.closest("details");
  if (details) details.hidden = true;
  const events: TraceEvent[] = [];
  const stdout: string[] = [];
  let lineCount = 0;
  let frame = 0;
  const started = performance.now();

  const draw = () => {
    frame = 0;
    if (events.length === 0) return;
    const timeline = buildTimeline(events);
    view.timeline.innerHTML = renderTimelineSvg(timeline, {
      id: "live-tl",
      title: "Timeline of the threads in your run",
    });
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  let handle: Run;
  try {
    handle = startRun(new URL(moduleUrl, location.href).href, {
      timeoutMs,
      onLine(line: OutputLine) {
        const text = rewrite(line);
        if (line.stream === "stdout") stdout.push(text);
        const span = document.createElement("span");
        span.className = `line ${line.stream}`;
        span.textContent = `${text}\n`;
        view.lines.append(span);
        lineCount += 1;
        const pre = view.lines.closest("pre");
        if (pre) pre.scrollTop = pre.scrollHeight;
      },
      onTrace(event: TraceEvent) {
        events.push(event);
        schedule();
      },
    });
  } catch (error) {
    // startRun throws when the page cannot share memory; the button checks first, but say it anyway.
    const end = { ...failed(error, started), lines: 0, stdout, trace: events };
    return { done: Promise.resolve(end), stop() {} };
  }

  const done = handle.done
    .catch((error: unknown) => failed(error, started)) // documented never to reject
    .then((result) => {
      if (frame) cancelAnimationFrame(frame);
      draw();
      if (events.length > 0) {
        view.table.innerHTML = renderTimelineTable(buildTimeline(events));
        if (details) details.hidden = false;
      }
      return { ...result, lines: lineCount, stdout, trace: events };
    });
  return { done, stop: () => handle.stop() };
}

function failed(error: unknown, started: number): RunResult {
  return {
    exitCode: 1,
    reason: "error",
    error: error instanceof Error ? error.message : String(error),
    durationMs: performance.now() - started,
  };
}
