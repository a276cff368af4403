/**
 * `pnpm bench`: measures @unravel/core and sets every figure beside its
 * baselines, all measured in this run, so the ratios hold on a noisy machine.
 * Prints the table and writes `results/latest.json` (the site draws its page
 * from it). `BENCH_QUICK=1` runs everything once with tiny counts (the test),
 * and writes `results/quick.json` instead.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { buildRows } from "./compare.ts";
import type { Figure, FigureInput, Step } from "./figures.ts";
import { formatValue, renderTable } from "./format.ts";
import { piscinaFigure } from "./peers/piscina.ts";
import { multithreadingSuite } from "./peers/run-multithreading.ts";
import { settings } from "./settings.ts";
import { coreSteps, other, queueCases, queueId, targets } from "./suites/core.ts";
import { pythonSuite } from "./suites/python.ts";
import { rawSteps } from "./suites/raw.ts";
import { singleThread } from "./suites/single.ts";
import { startupSteps } from "./suites/startup.ts";
import { stepSteps } from "./suites/step.ts";

const s = settings();
const started = performance.now();
const loadBefore = os.loadavg()[0]!;
const figures: Figure[] = [];
const notes: string[] = [];

function add(source: Figure["source"], list: FigureInput[]): void {
  for (const f of list) figures.push({ ...f, source: f.source ?? source });
}

function step(name: string): void {
  process.stderr.write(`bench: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

step("single-thread costs (CPython's next to them)");
const single = await singleThread(s);
add("ours", single.ours);
add("floor", single.floor);
step("across threads: each baseline next to ours");
await Promise.all([targets.registered, other.registered]);
const steps = new Map<string, { source: Figure["source"]; run: Step["run"] }>();
for (const st of rawSteps(s))
  steps.set(st.id, { source: st.id.startsWith("node.") ? "node" : "floor", run: st.run });
for (const st of coreSteps(s)) steps.set(st.id, { source: "ours", run: st.run });
for (const st of startupSteps(s)) steps.set(st.id, { source: "ours", run: st.run });
for (const st of stepSteps(s)) steps.set(st.id, { source: "ours", run: st.run });
steps.set("piscina.tasks", { source: "piscina", run: () => piscinaFigure(s) });
let pythonVersion: string | null = null;
for (const group of ["lock", "counter", "pingpong", "queue", "start", "pool"] as const) {
  steps.set(`cpython:${group}`, {
    source: "cpython",
    run: () => {
      const py = pythonSuite(s, [group]);
      pythonVersion ??= py.version;
      if (py.note) notes.push(py.note);
      return py.figures;
    },
  });
}
// Pairs run back to back, so that a busy moment of a shared machine hits both sides of a ratio.
const order = [
  "cpython:lock",
  "floor.futex-counter2",
  "lock.counter2",
  "floor.futex-counter4",
  "lock.counter4",
  "cpython:counter",
  "floor.atomics-pingpong",
  "event.pingpong",
  "node.pm-pingpong",
  "cond.pingpong",
  "cpython:pingpong",
  "floor.spsc-ring",
  "node.pm-oneway",
  ...queueCases.filter((c) => !c.objects).map(queueId),
  "node.pm-oneway.obj",
  ...queueCases.filter((c) => c.objects).map(queueId),
  "cpython:queue",
  "node.worker-start",
  "thread.start.cold",
  "floor.spare-wake",
  "thread.start.warm",
  "pool.submit.warm",
  "cpython:start",
  "startup:program",
  "startup:first",
  "startup:many",
  "startup:memory",
  "piscina.tasks",
  "pool.tasks",
  "cpython:pool",
];
for (const id of [...order, ...[...steps.keys()].filter((k) => !order.includes(k))]) {
  const st = steps.get(id);
  if (!st) continue;
  const got = await st.run();
  add(st.source, Array.isArray(got) ? got : [got]);
}
step("multithreading");
const mt = multithreadingSuite();
add("multithreading", mt.figures);
if (mt.note) notes.push(mt.note);
step("done");

const rows = buildRows(figures);
for (const f of figures) if (f.note && f.value === null) notes.push(`${f.label}: ${f.note}`);
for (const f of figures) if (f.note && f.value !== null) notes.push(`${f.label}: ${f.note}`);

const record = {
  schema: 1,
  quick: s.quick,
  date: new Date().toISOString(),
  durationS: Math.round((performance.now() - started) / 100) / 10,
  command: s.quick ? "BENCH_QUICK=1 node src/main.ts" : "pnpm bench",
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python: pythonVersion as string | null,
    /** The 1-minute load average before and after the run: above the core count, other work shared the machine. */
    load: [round2(loadBefore), round2(os.loadavg()[0]!)],
  },
  commit: gitCommit(),
  settings: {
    rounds: s.rounds,
    roundMs: s.roundMs,
    microMs: s.microMs,
    starts: s.starts,
    processRuns: s.processRuns,
    manyThreads: s.manyThreads,
    manyRuns: s.manyRuns,
  },
  rows,
  figures,
  notes,
};

const out = fileURLToPath(
  new URL(`../results/${s.quick ? "quick" : "latest"}.json`, import.meta.url),
);
mkdirSync(fileURLToPath(new URL("../results/", import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);

const m = record.machine;
console.log(
  `\n@unravel/core benchmarks — ${record.date}${s.quick ? " (QUICK: tiny counts, figures mean nothing)" : ""}`,
);
console.log(`${m.cpu}, ${m.cores} cores, ${m.os}; Node ${m.node}; ${m.python ?? "no python3"}`);
console.log(`Load average ${m.load[0]} before, ${m.load[1]} after (${m.cores} cores)\n`);
console.log(renderTable(rows));
const judged = rows.filter((r) => r.target);
const met = judged.filter((r) => r.met === true).length;
const missed = judged.filter((r) => r.met === false);
const unjudged = judged.filter((r) => r.met === null);
console.log(
  `\nTargets: ${met} met, ${missed.length} missed, ${unjudged.length} not judged (of ${judged.length}).`,
);
for (const r of missed) {
  console.log(
    `  MISSED  ${r.figure} vs ${r.baseline}: ${formatValue(r.ours, r.unit)}, needs ${r.target}`,
  );
  if (r.limit) console.log(`          limited by ${r.limit}`);
}
for (const r of unjudged)
  console.log(`  not judged  ${r.figure} (${r.target}): ${r.verdict.replace("not judged: ", "")}`);
if (notes.length) {
  console.log("\nNotes:");
  for (const n of [...new Set(notes)]) console.log(`  - ${n}`);
}
console.log(`\nWrote ${out} (${record.durationS} s).`);
// Threads of a failed measurement may still be blocked; they are daemons, but workers of peers may not be.
process.exit(0);

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}
