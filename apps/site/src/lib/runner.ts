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

export interface LiveRun {
  done: Promise<RunResult & { lines: number }>;
  stop(): void;
}

/** Starts one run; the view is cleared first, so running twice starts fresh. */
export function runLesson(moduleUrl: string, view: RunView, timeoutMs: number): LiveRun {
  view.lines.replaceChildren();
  view.timeline.replaceChildren();
  view.table.replaceChildren();
  const details = view.table.closest("details");
  if (details) details.hidden = true;
  const events: TraceEvent[] = [];
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
        const span = document.createElement("span");
        span.className = `line ${line.stream}`;
        span.textContent = `${line.text}\n`;
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
    return { done: Promise.resolve({ ...failed(error, started), lines: 0 }), stop() {} };
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
      return { ...result, lines: lineCount };
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
