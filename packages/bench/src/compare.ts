/**
 * The table: each row sets one of our figures beside one baseline measured
 * in the same run. The ratio is always "how many times faster ours is"
 * (baseline cost / our cost, or our rate / baseline rate): above 1, ours is
 * faster. A target is a least ratio, or for absolute targets a most value.
 * A row with a target may say what limits it (`limit`), in a sentence whose
 * `{figure-id}` marks are filled with that figure from the same run.
 * Pure data and functions: the site imports this module.
 */

import type { Figure } from "./figures.ts";
import { formatValue } from "./format.ts";
import { type QueueCase, queueCases, queueId } from "./queue-cases.ts";

export type Target =
  | { kind: "ratio"; min: number; text: string }
  | { kind: "max"; value: number; text: string };

export interface RowSpec {
  /** Our figure's id. */
  ours: string;
  /** The baseline's figure id. */
  baseline: string;
  target?: Target;
  /** What limits ours when the target is missed: one sentence, with `{figure-id}` or `{figure-id*k}` marks. */
  limit?: string;
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
  /** The least ratio a ratio target asks for (null for none or an absolute target). */
  targetRatio: number | null;
  /** true, false, or null when there is no target or nothing to judge. */
  met: boolean | null;
  /** Why `met` is null although there is a target. */
  verdict: string;
  /** When the target is missed: what limits it, with this run's figures filled in. */
  limit?: string;
}

const faster = (min: number, what: string): Target => ({
  kind: "ratio",
  min,
  text: `≥ ${min}× ${what}`,
});

/** A cost target: ours at most `max` times the baseline's cost. */
const cheaper = (max: number, what: string): Target => ({
  kind: "ratio",
  min: 1 / max,
  text: `cost ≤ ${max}× ${what}`,
});

// Measured in the same run: what a new worker pays for loading core (one bundle, from
// Node's compile cache) and the program's module graph, beside a one-line module.
const CORE_IMPORT =
  "a new worker evaluates core (one bundle, compiled once into Node's compile cache) and the program's module graph, where a one-line module is one file: a bare Worker that only imports core takes {node.worker-import-core-cached.first} to its first line that way ({node.worker-import-core.first} without the cache), a one-line module {node.worker-start.first}";
const CORE_MEMORY =
  "core's modules in every worker isolate: a bare Worker that only imports @unravel/core adds {node.worker-core-memory} of memory, a one-line one {node.worker-memory}";
// Where core's bundle is stale or missing, the main thread strips its .ts files first.
const MAIN_IMPORT =
  "the main thread imports core before the program's first line: {node.main-import-core} in a fresh node (from the bundle pnpm install builds), {node.main-import-core-cached} with NODE_COMPILE_CACHE set";

function queueRows(c: QueueCase): RowSpec[] {
  const id = queueId(c);
  const py = `cpython.${id}`;
  const rows: RowSpec[] = [];
  if (!c.objects) {
    if (c.pairs === 1)
      rows.push({
        ours: id,
        baseline: "floor.spsc-ring",
        target: faster(0.8, "the bare SPSC ring floor"),
        limit:
          "the queue's own work per item: a put and a get of a number on one thread, with nobody to wake, cost {queue.single.num} (Python's design: a lock and two conditions around the store), where the ring's whole hand-off is two atomic stores",
      });
    rows.push({ ours: id, baseline: "node.pm-oneway" });
    rows.push({ ours: id, baseline: py });
  } else {
    rows.push({
      ours: id,
      baseline: py,
      target: faster(2, "CPython queue.Queue"),
      limit:
        "the queue's own work per item: a put and a get of a small object on one thread, with nobody to wake, cost {queue.single.obj} (encoding it into a heap block and decoding it out); and a hand-off that finds the other side asleep wakes it through the OS: the bare Atomics.wait/notify floor manages {floor.atomics-pingpong} round trips, where CPython's GIL hands items over without a wake-up",
    });
    // The same objects, one-way through postMessage (the structured clone): the message baseline.
    rows.push({ ours: id, baseline: "node.pm-oneway.obj" });
    if (c.pairs === 1 && c.maxsize) rows.push({ ours: id, baseline: "mt.channel.obj" });
  }
  return rows;
}

export const rowSpecs: RowSpec[] = [
  {
    ours: "lock.uncontended",
    baseline: "floor.cas-store",
    target: cheaper(1.5, "the floor"),
  },
  { ours: "lock.uncontended", baseline: "floor.futex-mutex" },
  {
    ours: "lock.uncontended",
    baseline: "cpython.lock",
    target: faster(5, "CPython"),
    limit:
      "the floor: a bare futex mutex lock + unlock costs {floor.futex-mutex} here, and 5× CPython means {cpython.lock*0.2}",
  },
  {
    ours: "lock.uncontended",
    baseline: "mt.mutex",
    target: faster(10, "multithreading (far ahead)"),
  },
  {
    ours: "lock.hold",
    baseline: "floor.using-futex",
    target: cheaper(1.2, "bare `using` + bare futex lock"),
    limit:
      "V8's `using`: an empty disposable costs {node.using-empty} here, the bare futex lock + unlock {floor.futex-mutex}",
  },
  { ours: "lock.hold", baseline: "node.using-empty" },
  { ours: "lock.hold", baseline: "cpython.lock-with" },
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
  {
    ours: "thread.start.first",
    baseline: "node.worker-start.first",
    target: cheaper(1.3, "a bare new Worker of a one-line module"),
    limit: CORE_IMPORT,
  },
  { ours: "step.per-step", baseline: "step.plain-add" },
  { ours: "step.per-step-logged", baseline: "step.plain-add" },
  { ours: "thread.start.first", baseline: "node.worker-import-core-cached.first" },
  { ours: "thread.start.first", baseline: "cpython.thread-start" },
  { ours: "thread.start.cold", baseline: "node.worker-start" },
  {
    ours: "thread.start.warm",
    baseline: "cpython.thread-start",
    target: { kind: "max", value: 1, text: "≤ 1 ms" },
    limit:
      "the floor, a parked bare Worker woken with its task, takes {floor.spare-wake}; ours adds start()'s own work on the starting thread (the task: arguments, identity, a copy of process.env) and the spare's entry into the thread, ~0.3 ms each in a profile here",
  },
  { ours: "thread.start.warm", baseline: "floor.spare-wake" },
  {
    ours: "program.wall",
    baseline: "node.program.wall",
    target: cheaper(2, "node running a bare one-line Worker"),
    limit: MAIN_IMPORT,
  },
  {
    ours: "program.rss",
    baseline: "node.program.rss",
    target: cheaper(1.3, "the bare one"),
    limit: CORE_MEMORY,
  },
  {
    ours: "thread.many",
    baseline: "node.many",
    target: cheaper(1.5, "bare workers doing the same"),
    limit: CORE_IMPORT,
  },
  {
    // No limit note: per live thread ours adds about what a bare worker importing core
    // does, which does not account for the peak; what does is not measured yet.
    ours: "thread.many.rss",
    baseline: "node.many.rss",
    target: cheaper(1.5, "bare workers doing the same"),
  },
  {
    ours: "thread.memory",
    baseline: "node.worker-memory",
    target: cheaper(1.2, "a bare worker's"),
    limit: CORE_MEMORY,
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
    const row: Row = {
      figure: ours?.label ?? spec.ours,
      unit,
      ours: oursValue,
      oursNote: ours ? ours.note : "not measured: no such figure in this run",
      baseline: base?.label ?? spec.baseline,
      baselineValue: baseValue,
      baselineNote: base ? base.note : "not measured in this run",
      ratio,
      target: t?.text ?? null,
      targetRatio: t?.kind === "ratio" ? t.min : null,
      met,
      verdict,
    };
    if (met === false && spec.limit) row.limit = fillLimit(spec.limit, byId);
    return row;
  });
}

/** Fills `{id}` and `{id*k}` with that figure of the run, formatted; an unmeasured one says so. */
export function fillLimit(text: string, byId: Map<string, Figure>): string {
  return text.replace(/\{([a-z0-9.:-]+)(?:\*([\d.]+))?\}/g, (_, id: string, k?: string) => {
    const f = byId.get(id);
    if (!f || f.value === null) return `(${id}: not measured)`;
    return formatValue(f.value * (k ? Number(k) : 1), f.unit);
  });
}
