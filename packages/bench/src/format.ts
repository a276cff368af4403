/**
 * How a figure is shown, everywhere: 29.3 ns, 1.24 ms, 145 MiB, 28.6M ops/s,
 * 152k rt/s, 0.59×. The table on stdout and the site's bench page both use
 * these (the site imports `@unravel/bench/format`), so they cannot drift.
 */

import type { Row } from "./compare.ts";
import type { Figure } from "./figures.ts";

export function formatValue(value: number | null, unit: Figure["unit"]): string {
  if (value === null) return "—";
  if (unit === "ns" || unit === "ms" || unit === "MiB") return `${sig(value)} ${unit}`;
  if (value >= 1e6) return `${sig(value / 1e6)}M ${unit}`;
  if (value >= 1e3) return `${sig(value / 1e3)}k ${unit}`;
  return `${sig(value)} ${unit}`;
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? "—" : `${sig(ratio)}×`;
}

function sig(n: number): string {
  if (n < 0.01) return n.toPrecision(2); // e.g. a cold worker start beside a Python thread start
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** A row's status in words: the chart and the table say it, not only a colour. */
export function status(row: Row): "met" | "missed" | "not judged" | "no target" {
  if (!row.target) return "no target";
  if (row.met === null) return "not judged";
  return row.met ? "met" : "missed";
}

/** Why a row has no ratio: ours or the baseline was not measured (the note says why). */
export function missingReason(row: Row): string | null {
  if (row.ours === null) return `ours ${row.oursNote ?? "not measured"}`;
  if (row.baselineValue === null) return `baseline ${row.baselineNote ?? "not measured"}`;
  return null;
}

/** The table on stdout: a row per comparison; a figure repeated on the next row shows as 〃. */
export function renderTable(rows: Row[]): string {
  const head = ["figure", "ours", "baseline", "baseline value", "faster ×", "target", "met?"];
  const cells = rows.map((r, i) => [
    i > 0 && rows[i - 1]!.figure === r.figure ? "  〃" : r.figure,
    r.ours === null ? shortNote(r.oursNote) : formatValue(r.ours, r.unit),
    r.baseline,
    r.baselineValue === null ? shortNote(r.baselineNote) : formatValue(r.baselineValue, r.unit),
    formatRatio(r.ratio),
    r.target ?? "",
    r.target ? (r.met === null ? "not judged" : r.met ? "yes" : "NO") : "",
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) =>
        c === 1 || c === 3 || c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!),
      )
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

function shortNote(note: string | undefined): string {
  if (!note) return "—";
  if (note.startsWith("not measured")) return "not measured";
  if (note.startsWith("failed")) return "FAILED";
  return "—";
}
