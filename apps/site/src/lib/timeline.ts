/**
 * Layout math for the thread timeline: one lane per thread over time, drawn
 * from trace events. Pure functions, no DOM: the build draws the captured run
 * with them and the Run button redraws the live run with the same code.
 */
import type { TraceEvent } from "./capture.ts";

export type SpanKind = "wait" | "hold";

export interface Span {
  kind: SpanKind;
  /** Times in ms since the first event. */
  from: number;
  to: number;
  object: string;
  op: string;
  /** `false` when the wait timed out. */
  ok?: boolean;
  /** How many raw spans were merged into this one (tiny spans close together). */
  count: number;
  /** The span was still open when the trace ended. */
  open?: boolean;
}

export interface Mark {
  kind: "print" | "signal";
  at: number;
  text: string;
}

export interface Lane {
  thread: string;
  label: string;
  start?: number;
  end?: number;
  error?: string;
  /** When the thread hit the trace's detail limit: later lock, event and queue events are missing. */
  limit?: number;
  spans: Span[];
  marks: Mark[];
}

export interface Timeline {
  /** Duration covered, in ms (from the first event). */
  duration: number;
  lanes: Lane[];
}

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

function errorText(error: unknown): string | undefined {
  if (error === undefined || error === null || error === false) return undefined;
  if (typeof error === "string") return error;
  if (typeof error === "object") {
    const e = error as { name?: unknown; message?: unknown };
    return [str(e.name), str(e.message)].filter(Boolean).join(": ") || "error";
  }
  return String(error);
}

/** Groups trace events into lanes with paired spans. Tolerates unpaired events. */
export function buildTimeline(events: readonly TraceEvent[], until?: number): Timeline {
  const sorted = [...events].filter((e) => Number.isFinite(e.t)).sort((a, b) => a.t - b.t);
  const t0 = sorted[0]?.t ?? 0;
  const last = sorted.at(-1)?.t ?? 0;
  const duration = Math.max(until === undefined ? 0 : until - t0, last - t0, 0);
  const lanes = new Map<string, Lane>();
  const openWaits = new Map<string, Span[]>();
  const openHolds = new Map<string, Span[]>();

  const lane = (e: TraceEvent): Lane => {
    const id = str(e.thread);
    let l = lanes.get(id);
    if (!l) {
      l = { thread: id, label: `thread ${id}`, spans: [], marks: [] };
      lanes.set(id, l);
    }
    return l;
  };

  for (const e of sorted) {
    const l = lane(e);
    const at = e.t - t0;
    const object = str(e.object);
    const op = str(e.op);
    switch (e.kind) {
      case "thread-start":
        l.start = at;
        if (e.name) l.label = e.name;
        break;
      case "limit":
        l.limit ??= at;
        break;
      case "thread-end":
        l.end = at;
        l.error = errorText(e.error);
        break;
      case "print":
        l.marks.push({ kind: "print", at, text: str(e.text) });
        break;
      case "signal":
        l.marks.push({ kind: "signal", at, text: [object, op].filter(Boolean).join(" ") });
        break;
      case "block": {
        const span: Span = { kind: "wait", from: at, to: at, object, op, count: 1, open: true };
        l.spans.push(span);
        const key = `${l.thread}\0${object}\0${op}`;
        openWaits.set(key, [...(openWaits.get(key) ?? []), span]);
        break;
      }
      case "unblock": {
        const key = `${l.thread}\0${object}\0${op}`;
        const span = openWaits.get(key)?.pop();
        if (span) {
          span.to = at;
          span.open = false;
          if (e.ok === false) span.ok = false;
        }
        break;
      }
      case "acquire": {
        const span: Span = {
          kind: "hold",
          from: at,
          to: at,
          object,
          op: "hold",
          count: 1,
          open: true,
        };
        l.spans.push(span);
        const key = `${l.thread}\0${object}`;
        openHolds.set(key, [...(openHolds.get(key) ?? []), span]);
        break;
      }
      case "release": {
        const span = openHolds.get(`${l.thread}\0${object}`)?.pop();
        if (span) {
          span.to = at;
          span.open = false;
        }
        break;
      }
    }
  }

  for (const l of lanes.values()) {
    const end = l.end ?? duration;
    for (const s of l.spans) if (s.open) s.to = Math.max(s.from, end);
    l.spans = l.spans.filter((s) => s.kind === "hold" || s.to > s.from || s.open);
    if (l.start === undefined)
      l.start = Math.min(...[...l.spans.map((s) => s.from), ...l.marks.map((m) => m.at), end]);
  }

  // In order of start: the main thread first, then the threads as they started.
  const ordered = [...lanes.values()].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  return { duration, lanes: ordered };
}

/**
 * Merges spans of the same kind and object that lie closer than `epsilon` ms:
 * 1000 lock holds a few microseconds apart draw as one bar, and say so.
 */
export function mergeSpans(spans: readonly Span[], epsilon: number): Span[] {
  const out: Span[] = [];
  const byKey = new Map<string, Span>();
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const key = `${s.kind}\0${s.object}\0${s.op}\0${s.ok === false}`;
    const prev = byKey.get(key);
    if (prev && s.from - prev.to <= epsilon) {
      prev.to = Math.max(prev.to, s.to);
      prev.count += s.count;
      prev.open = prev.open || s.open;
      continue;
    }
    const copy = { ...s };
    out.push(copy);
    byKey.set(key, copy);
  }
  return out;
}

/** A "nice" axis step (1, 2 or 5 × 10^k) giving about `target` ticks. */
export function niceStep(duration: number, target = 5): number {
  if (!(duration > 0)) return 1;
  const raw = duration / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
}

export function formatMs(ms: number): string {
  if (ms === 0) return "0";
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1).replace(/\.0$/, "");
  return ms.toFixed(2).replace(/0$/, "").replace(/\.0$/, "");
}

export interface Geometry {
  width: number;
  labelWidth: number;
  laneHeight: number;
  axisHeight: number;
  padRight: number;
}

export const GEOMETRY: Geometry = {
  width: 680,
  labelWidth: 140,
  laneHeight: 36,
  axisHeight: 26,
  padRight: 16,
};

/** Maps a time in ms to an x coordinate in the SVG's viewBox. */
export function scaleX(duration: number, g: Geometry = GEOMETRY): (t: number) => number {
  const span = g.width - g.labelWidth - g.padRight;
  const d = duration > 0 ? duration : 1;
  return (t) => g.labelWidth + (Math.min(Math.max(t, 0), d) / d) * span;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** "waits for Thread t1 to end (join)", "sleeps", "waits on Lock 1 (acquire)". */
function waitPhrase(object: string, op: string): string {
  if (!object) return op === "sleep" ? "sleeps" : `waits (${op})`;
  if (op === "join") return `waits for ${object} to end (join)`;
  return `waits on ${object} (${op})`;
}

function spanTitle(s: Span): string {
  const ms = `${formatMs(s.to - s.from)} ms`;
  const times = s.count > 1 ? ` (${s.count} times)` : "";
  if (s.kind === "hold") return `holds ${s.object}${times}, ${ms}`;
  const timedOut = s.ok === false ? ", timed out" : "";
  const what = waitPhrase(s.object, s.op);
  return `${what}${times}, ${ms}${timedOut}`;
}

/**
 * Draws the timeline as an SVG string. Colours come from CSS classes
 * (`tl-*`), so the page's light and dark themes both apply.
 */
export function renderTimelineSvg(
  timeline: Timeline,
  opts: { title?: string; id?: string; g?: Geometry } = {},
): string {
  const g = opts.g ?? GEOMETRY;
  const { duration, lanes } = timeline;
  const x = scaleX(duration, g);
  const pxPerMs = (g.width - g.labelWidth - g.padRight) / (duration > 0 ? duration : 1);
  const height = g.axisHeight + Math.max(lanes.length, 1) * g.laneHeight + 8;
  const id = opts.id ?? "tl";
  const title = opts.title ?? "What each thread did over time";
  const parts: string[] = [];
  parts.push(
    `<svg class="tl-svg" viewBox="0 0 ${g.width} ${height}" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${esc(title)}</title>`,
  );

  // Axis: ticks and grid lines.
  const step = niceStep(duration);
  parts.push(`<g class="tl-axis">`);
  for (let t = 0; t <= duration + step * 1e-6; t += step) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line class="tl-grid" x1="${tx}" x2="${tx}" y1="${g.axisHeight - 6}" y2="${height - 4}"/>`,
      `<text class="tl-tick" x="${tx}" y="${g.axisHeight - 10}" text-anchor="middle">${formatMs(t)}${t === 0 ? " ms" : ""}</text>`,
    );
  }
  parts.push(`</g>`);

  lanes.forEach((lane, i) => {
    const mid = g.axisHeight + i * g.laneHeight + g.laneHeight / 2;
    const start = x(lane.start ?? 0);
    const ended = lane.end !== undefined;
    const end = x(lane.end ?? duration);
    parts.push(`<g class="tl-lane${lane.error ? " tl-failed" : ""}">`);
    parts.push(
      laneLabel(lane.label, g.labelWidth - 10, mid),
      `<line class="tl-life${ended ? "" : " tl-open"}" x1="${start.toFixed(1)}" x2="${end.toFixed(1)}" y1="${mid}" y2="${mid}"/>`,
      `<circle class="tl-start" cx="${start.toFixed(1)}" cy="${mid}" r="3.5"><title>${esc(lane.label)} starts at ${formatMs(lane.start ?? 0)} ms</title></circle>`,
    );
    for (const s of mergeSpans(lane.spans, 1.5 / pxPerMs)) {
      const x1 = x(s.from);
      const w = Math.max(x(s.to) - x1, 2);
      const h = s.kind === "hold" ? 12 : 8;
      parts.push(
        `<rect class="tl-${s.kind}${s.ok === false ? " tl-timeout" : ""}" x="${x1.toFixed(1)}" y="${mid - h / 2}" width="${w.toFixed(1)}" height="${h}" rx="2"><title>${esc(`${lane.label} ${spanTitle(s)}`)}</title></rect>`,
      );
    }
    for (const m of lane.marks) {
      const mx = x(m.at).toFixed(1);
      if (m.kind === "print") {
        parts.push(
          `<path class="tl-print" d="M${mx} ${mid - 13} l4 5 l-4 5 l-4 -5 z"><title>${esc(`${lane.label} prints “${m.text}” at ${formatMs(m.at)} ms`)}</title></path>`,
        );
      } else {
        parts.push(
          `<path class="tl-signal" d="M${mx} ${mid + 5} l4 7 h-8 z"><title>${esc(`${lane.label}: ${m.text} at ${formatMs(m.at)} ms`)}</title></path>`,
        );
      }
    }
    if (lane.limit !== undefined) {
      const lx = x(lane.limit);
      parts.push(
        `<line class="tl-unrecorded" x1="${lx.toFixed(1)}" x2="${end.toFixed(1)}" y1="${mid}" y2="${mid}"/>`,
        `<line class="tl-limit" x1="${lx.toFixed(1)}" x2="${lx.toFixed(1)}" y1="${mid - 9}" y2="${mid + 9}"><title>${esc(`${lane.label}: lock, event and queue detail not recorded after ${formatMs(lane.limit)} ms (trace limit)`)}</title></line>`,
      );
    }
    if (ended) {
      parts.push(
        `<line class="tl-end" x1="${end.toFixed(1)}" x2="${end.toFixed(1)}" y1="${mid - 7}" y2="${mid + 7}"><title>${esc(`${lane.label} ${lane.error ? `fails: ${lane.error}` : "ends"} at ${formatMs(lane.end!)} ms`)}</title></line>`,
      );
    }
    parts.push(`</g>`);
  });
  parts.push(`</svg>`);
  return parts.join("");
}

/**
 * A lane's name, right-aligned before the lane. "Thread-1 (worker)" — core's
 * name for a thread with a target — goes on two lines: name, then target.
 */
function laneLabel(label: string, right: number, mid: number): string {
  const parts = /^(.+?) (\(.+\))$/.exec(label);
  const title = `<title>${esc(label)}</title>`;
  if (!parts) {
    return `<text class="tl-label" x="${right}" y="${mid + 4}" text-anchor="end">${esc(truncate(label, 18))}${title}</text>`;
  }
  return (
    `<text class="tl-label" x="${right}" y="${mid - 2}" text-anchor="end">${esc(truncate(parts[1]!, 18))}${title}</text>` +
    `<text class="tl-sublabel" x="${right}" y="${mid + 10}" text-anchor="end">${esc(truncate(parts[2]!, 22))}${title}</text>`
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** One row per thread for the text alternative. */
export interface LaneSummary {
  label: string;
  start: string;
  end: string;
  did: string[];
}

/** Describes each lane in words: the timeline's text alternative. */
export function describeTimeline(timeline: Timeline, maxItems = 8): LaneSummary[] {
  return timeline.lanes.map((lane) => {
    const did: string[] = [];
    const groups = new Map<
      string,
      { kind: SpanKind; object: string; op: string; n: number; ms: number; timeouts: number }
    >();
    for (const s of lane.spans) {
      const key = `${s.kind}\0${s.object}\0${s.op}`;
      const g0 = groups.get(key) ?? {
        kind: s.kind,
        object: s.object,
        op: s.op,
        n: 0,
        ms: 0,
        timeouts: 0,
      };
      g0.n += s.count;
      g0.ms += s.to - s.from;
      if (s.ok === false) g0.timeouts += 1;
      groups.set(key, g0);
    }
    const prints = lane.marks.filter((m) => m.kind === "print");
    for (const m of prints.slice(0, maxItems))
      did.push(`prints “${m.text}” at ${formatMs(m.at)} ms`);
    if (prints.length > maxItems) did.push(`prints ${prints.length - maxItems} more lines`);
    for (const g0 of groups.values()) {
      const times = g0.n === 1 ? "" : ` ${g0.n} times,`;
      if (g0.kind === "hold") did.push(`holds ${g0.object}${times} ${formatMs(g0.ms)} ms in all`);
      else {
        const what = waitPhrase(g0.object, g0.op);
        const timeouts = g0.timeouts ? `, ${g0.timeouts} timed out` : "";
        did.push(`${what}${times} ${formatMs(g0.ms)} ms in all${timeouts}`);
      }
    }
    const signals = new Map<string, number>();
    for (const m of lane.marks)
      if (m.kind === "signal") signals.set(m.text, (signals.get(m.text) ?? 0) + 1);
    for (const [text, n] of signals) did.push(`${text}${n > 1 ? ` (${n} times)` : ""}`);
    if (lane.limit !== undefined)
      did.push(
        `after ${formatMs(lane.limit)} ms, its lock, event and queue detail is not recorded (trace limit)`,
      );
    if (lane.error) did.push(`fails: ${lane.error}`);
    return {
      label: lane.label,
      start: `${formatMs(lane.start ?? 0)} ms`,
      end: lane.end === undefined ? "still running" : `${formatMs(lane.end)} ms`,
      did,
    };
  });
}

/** The text alternative as an HTML table: one row per thread, what it did in words. */
export function renderTimelineTable(timeline: Timeline): string {
  const rows = describeTimeline(timeline).map((r) => {
    const did = r.did.length
      ? `<ul>${r.did.map((d) => `<li>${esc(d)}</li>`).join("")}</ul>`
      : "runs";
    return `<tr><th scope="row">${esc(r.label)}</th><td>${esc(r.start)}</td><td>${esc(r.end)}</td><td>${did}</td></tr>`;
  });
  return (
    `<table><thead><tr><th scope="col">Thread</th><th scope="col">Starts</th><th scope="col">Ends</th>` +
    `<th scope="col">What it does</th></tr></thead><tbody>${rows.join("")}</tbody></table>` +
    `<p>Times are milliseconds after the first event of the run.</p>`
  );
}
