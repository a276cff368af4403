/**
 * The table: each row sets one of our figures beside one baseline measured
 * in the same run. The ratio is always "how many times faster ours is"
 * (baseline cost / our cost, or our rate / baseline rate): above 1, ours is
 * faster. A target is a least ratio, or for absolute targets a most value.
 */

import type { Figure } from "./figures.ts";
import { type QueueCase, queueCases, queueId } from "./suites/core.ts";

export type Target =
  | { kind: "ratio"; min: number; text: string }
  | { kind: "max"; value: number; text: string };

export interface RowSpec {
  /** Our figure's id. */
  ours: string;
  /** The baseline's figure id. */
  baseline: string;
  target?: Target;
}

export interface Row {
  figure: string;
  unit: Figure["unit"];
  ours: number | null;
  oursNote?: string;
  baseline: string;
  baselineValue: number | null;
  baselineNote?: string;
  /** How many times faster ours is; null when either side is missing. */
  ratio: number | null;
  target: string | null;
  /** true, false, or null when there is no target or nothing to judge. */
  met: boolean | null;
  /** Why `met` is null although there is a target. */
  verdict: string;
}

const faster = (min: number, what: string): Target => ({
  kind: "ratio",
  min,
  text: `≥ ${min}× ${what}`,
});

function queueRows(c: QueueCase): RowSpec[] {
  const id = queueId(c);
  const py = `cpython.${id}`;
  const rows: RowSpec[] = [];
  if (!c.objects) {
    const pm = c.pairs === 1 ? faster(10, "postMessage one-way") : undefined;
    rows.push({ ours: id, baseline: "node.pm-oneway", target: pm });
    if (c.pairs === 1) rows.push({ ours: id, baseline: "floor.spsc-ring" });
    rows.push({ ours: id, baseline: py });
  } else {
    rows.push({ ours: id, baseline: py, target: faster(2, "CPython queue.Queue") });
    if (c.pairs === 1 && c.maxsize) rows.push({ ours: id, baseline: "mt.channel.obj" });
  }
  return rows;
}

export const rowSpecs: RowSpec[] = [
  {
    ours: "lock.uncontended",
    baseline: "floor.cas-store",
    target: { kind: "ratio", min: 1 / 1.5, text: "cost ≤ 1.5× the floor" },
  },
  { ours: "lock.uncontended", baseline: "floor.futex-mutex" },
  { ours: "lock.uncontended", baseline: "cpython.lock", target: faster(5, "CPython") },
  {
    ours: "lock.uncontended",
    baseline: "mt.mutex",
    target: faster(10, "multithreading (far ahead)"),
  },
  { ours: "lock.hold", baseline: "cpython.lock-with", target: faster(5, "CPython") },
  { ours: "lock.counter2", baseline: "floor.futex-counter2" },
  { ours: "lock.counter2", baseline: "cpython.counter2" },
  { ours: "lock.counter2", baseline: "mt.counter2" },
  { ours: "lock.counter4", baseline: "floor.futex-counter4" },
  { ours: "lock.counter4", baseline: "cpython.counter4" },
  { ours: "cond.pingpong", baseline: "cpython.cond-pingpong", target: faster(1, "CPython") },
  { ours: "cond.pingpong", baseline: "mt.condvar-pingpong" },
  { ours: "event.pingpong", baseline: "floor.atomics-pingpong" },
  { ours: "event.pingpong", baseline: "node.pm-pingpong" },
  { ours: "event.pingpong", baseline: "cpython.event-pingpong" },
  ...queueCases.flatMap(queueRows),
  { ours: "thread.start.cold", baseline: "node.worker-start" },
  { ours: "thread.start.cold", baseline: "cpython.thread-start" },
  {
    ours: "thread.start.warm",
    baseline: "cpython.thread-start",
    target: { kind: "max", value: 1, text: "≤ 1 ms" },
  },
  { ours: "pool.submit.warm", baseline: "cpython.thread-start" },
  { ours: "pool.tasks", baseline: "piscina.tasks", target: faster(2, "piscina") },
  { ours: "pool.tasks", baseline: "cpython.pool" },
];

export function buildRows(figures: Figure[], specs: RowSpec[] = rowSpecs): Row[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  return specs.map((spec) => {
    const ours = byId.get(spec.ours);
    const base = byId.get(spec.baseline);
    const oursValue = ours?.value ?? null;
    const baseValue = base?.value ?? null;
    const unit = ours?.unit ?? base?.unit ?? "ops/s";
    const better = ours?.better ?? base?.better ?? "higher";
    let ratio: number | null = null;
    if (oursValue !== null && baseValue !== null && oursValue > 0 && baseValue > 0) {
      ratio = better === "lower" ? baseValue / oursValue : oursValue / baseValue;
    }
    let met: boolean | null = null;
    let verdict = "no target";
    const t = spec.target;
    if (t) {
      if (t.kind === "max") {
        met = oursValue === null ? null : oursValue <= t.value;
        verdict = met === null ? "not judged: ours not measured" : met ? "met" : "MISSED";
      } else {
        met = ratio === null ? null : ratio >= t.min - 1e-9;
        verdict =
          met !== null
            ? met
              ? "met"
              : "MISSED"
            : oursValue === null
              ? "not judged: ours not measured"
              : "not judged: baseline not measured";
      }
    }
    return {
      figure: ours?.label ?? spec.ours,
      unit,
      ours: oursValue,
      oursNote: ours ? ours.note : "not measured: no such figure in this run",
      baseline: base?.label ?? spec.baseline,
      baselineValue: baseValue,
      baselineNote: base ? base.note : "not measured in this run",
      ratio,
      target: t?.text ?? null,
      met,
      verdict,
    };
  });
}
