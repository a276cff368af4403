/**
 * The Run button's engine, loaded only when the reader clicks Run: starts the
 * lesson's browser bundle through `@unravel/core/host`, streams its lines
 * into the output box and redraws the timeline as trace events arrive.
 */
import * as host from "@unravel/core/host";
import type { TraceEvent } from "./capture.ts";
import type { RunHandle, RunLine, RunResult, StartRun } from "./host-api.ts";
import { buildTimeline, renderTimelineSvg } from "./timeline.ts";

export interface RunView {
  /** Where lines go (a `<span>` inside the terminal's `<pre>`). */
  lines: HTMLElement;
  /** Where the live timeline SVG goes. */
  timeline: HTMLElement;
}

export interface LiveRun {
  done: Promise<RunResult & { lines: number }>;
  stop(): void;
}

const startRun = (host as unknown as { startRun: StartRun }).startRun;

/** Starts one run; the view is cleared first, so running twice starts fresh. */
export function runLesson(moduleUrl: string, view: RunView, timeoutMs: number): LiveRun {
  view.lines.replaceChildren();
  view.timeline.replaceChildren();
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

  let handle: RunHandle;
  try {
    handle = startRun(new URL(moduleUrl, location.href).href, {
      timeoutMs,
      onLine(line: RunLine) {
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
    const message = error instanceof Error ? error.message : String(error);
    return {
      done: Promise.resolve({ exitCode: 1, reason: "error", error: message, lines: 0 }),
      stop() {},
    };
  }

  const done = handle.done
    .catch(
      (error: unknown): RunResult => ({
        exitCode: 1,
        reason: "error",
        error: error instanceof Error ? error.message : String(error),
      }),
    )
    .then((result) => {
      if (frame) cancelAnimationFrame(frame);
      draw();
      return { ...result, lines: lineCount, ms: performance.now() - started };
    });
  return { done, stop: () => handle.stop() };
}
