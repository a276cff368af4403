/**
 * The benchmark page's data and chart: `packages/bench/results/latest.json`
 * (written by `pnpm bench`, never by hand) read at build time, and drawn as a
 * static SVG of ratios. Pure functions, no DOM.
 */

import type { Row } from "@unravel/bench/compare";
import { formatRatio, missingReason, status } from "@unravel/bench/format";

// How a figure is shown (its number, its ratio, its status) is the bench's own
// code: the page and `pnpm bench`'s table cannot disagree.
export { formatRatio, formatValue, missingReason, status } from "@unravel/bench/format";

/** One row of the bench table: our figure beside one baseline from the same run. */
export type BenchRow = Row;

export interface BenchRecord {
  date: string;
  quick: boolean;
  durationS: number;
  command: string;
  commit: string | null;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    python: string | null;
    load?: [number, number];
  };
  settings: { rounds: number; roundMs: number };
  rows: BenchRow[];
  notes: string[];
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface ChartOptions {
  id: string;
  title: string;
  /** Rows whose ratios set the scale (every chart of a page on one scale). @default rows */
  scaleRows?: BenchRow[];
}

/**
 * Horizontal bars of "times faster than the baseline" on a log scale, one
 * per row, labelled above the bar; a line at 1× (as fast as the baseline)
 * and a tick at each row's target. Colours come from classes, so the page's
 * light and dark themes both apply.
 */
export function renderBenchSvg(rows: BenchRow[], o: ChartOptions): string {
  const width = 560;
  const left = 16;
  const right = 72; // room for the ratio label after the longest bar
  const plot = width - left - right;
  const rowH = 36;
  const top = 26;
  const scaleRows = o.scaleRows ?? rows;
  const ratios = scaleRows.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
  const targets = scaleRows.flatMap((r) => targetRatio(r) ?? []);
  const lo = Math.min(0.01, ...ratios, ...targets);
  const hi = Math.max(100, ...ratios, ...targets);
  const minLog = Math.floor(Math.log10(lo));
  const maxLog = Math.ceil(Math.log10(hi));
  const x = (ratio: number) => left + ((Math.log10(ratio) - minLog) / (maxLog - minLog)) * plot;
  // Rows of one figure share a heading line: the figure, then "vs" each baseline.
  const headed = rows.map((r, i) => i === 0 || rows[i - 1]!.figure !== r.figure);
  const headH = 20;
  const ys: number[] = [];
  let y = top;
  for (let i = 0; i < rows.length; i++) {
    if (headed[i]) y += headH;
    ys.push(y);
    y += rowH;
  }
  const height = y + 4;
  const out: string[] = [
    `<svg class="bench-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${o.id}-title">${esc(o.title)}</title>`,
    `<desc id="${o.id}-desc">One bar per comparison, on a logarithmic scale: past the line at 1×, ours is faster than the baseline. The same figures are in the table below.</desc>`,
  ];
  const powers: number[] = [];
  for (let p = minLog; p <= maxLog; p++) powers.push(p);
  // The scale, labelled once at the top; the end labels lean inwards, so that
  // a long one (".00001×") is not cut by the drawing's edge.
  for (const p of powers) {
    const gx = x(10 ** p).toFixed(1);
    const anchor = p === minLog ? "start" : p === maxLog ? "end" : "middle";
    out.push(
      `<text class="bench-axis" x="${gx}" y="${top - 12}" text-anchor="${anchor}">${esc(scaleLabel(p))}</text>`,
    );
  }
  rows.forEach((row, i) => {
    const y = ys[i]!;
    if (headed[i])
      out.push(`<text class="bench-figure" x="4" y="${y - 6}">${esc(clip(row.figure, 80))}</text>`);
    out.push(
      `<text class="bench-label" x="4" y="${y + 12}">${esc(clip(`vs ${row.baseline}`, 90))}</text>`,
    );
    const barY = y + 17;
    // Grid lines only beside the bar, so that no line crosses a label.
    for (const p of powers) {
      const gx = x(10 ** p).toFixed(1);
      out.push(
        `<line class="${p === 0 ? "bench-one" : "bench-grid"}" x1="${gx}" x2="${gx}" y1="${barY - 2}" y2="${barY + 16}"/>`,
      );
    }
    if (row.ratio === null || missingReason(row)) {
      const ours = row.ours === null;
      const note = (ours ? row.oursNote : row.baselineNote) ?? "";
      const what = `${ours ? "ours" : "the baseline"} ${note.startsWith("failed") ? "failed" : "not measured"}`;
      out.push(
        `<text class="bench-missing" x="${(x(1) + 6).toFixed(1)}" y="${barY + 12}">${esc(`${what} (see Notes)`)}</text>`,
      );
      return;
    }
    const s = status(row);
    const x1 = x(1);
    const xr = x(row.ratio);
    const from = Math.min(x1, xr);
    const w = Math.max(2, Math.abs(xr - x1));
    out.push(
      `<rect class="bench-bar bench-${s.replace(" ", "-")}" x="${from.toFixed(1)}" y="${barY}" width="${w.toFixed(1)}" height="14" rx="2"/>`,
    );
    const t = targetRatio(row);
    if (t !== null) {
      const tx = x(t).toFixed(1);
      out.push(
        `<line class="bench-target" x1="${tx}" x2="${tx}" y1="${barY - 3}" y2="${barY + 17}"/>`,
      );
    }
    const word = s === "met" || s === "missed" ? ` ${s}` : "";
    const textX = Math.max(x1, xr, t === null ? 0 : x(t)) + 5;
    out.push(
      `<text class="bench-ratio" x="${textX.toFixed(1)}" y="${barY + 11}">${esc(formatRatio(row.ratio) + word)}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("\n");
}

/** The least ratio a row's target asks for, when it is a ratio target (the bench records it). */
export function targetRatio(row: BenchRow): number | null {
  return row.targetRatio ?? null;
}

function scaleLabel(p: number): string {
  if (p === 0) return "1× (as fast)";
  return p > 0 ? `${10 ** p}×` : `${1 / 10 ** -p}×`.replace(/^0\./, ".");
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
