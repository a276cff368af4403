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
import type { Figure, FigureInput } from "./figures.ts";
import { formatValue, renderTable } from "./format.ts";
import { piscinaSuite } from "./peers/piscina.ts";
import { multithreadingSuite } from "./peers/run-multithreading.ts";
import { settings } from "./settings.ts";
import { coreSuite } from "./suites/core.ts";
import { pythonSuite } from "./suites/python.ts";
import { rawSuite } from "./suites/raw.ts";
import { singleThread } from "./suites/single.ts";

const s = settings();
const started = performance.now();
const figures: Figure[] = [];
const notes: string[] = [];

function add(source: Figure["source"], list: FigureInput[]): void {
  for (const f of list) figures.push({ ...f, source });
}

function step(name: string): void {
  process.stderr.write(`bench: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

step("single-thread costs");
const single = await singleThread(s);
add("ours", single.ours);
add("floor", single.floor);
step("floors and postMessage");
const raw = await rawSuite(s);
add(
  "floor",
  raw.filter((f) => f.id.startsWith("floor.")),
);
add(
  "node",
  raw.filter((f) => f.id.startsWith("node.")),
);
step("@unravel/core across threads");
add("ours", await coreSuite(s));
step("piscina");
add("piscina", await piscinaSuite(s));
step("multithreading");
const mt = multithreadingSuite();
add("multithreading", mt.figures);
if (mt.note) notes.push(mt.note);
step("CPython");
const py = pythonSuite(s);
add("cpython", py.figures);
if (py.note) notes.push(py.note);
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
    python: py.version,
  },
  commit: gitCommit(),
  settings: { rounds: s.rounds, roundMs: s.roundMs, microMs: s.microMs, starts: s.starts },
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
console.log(`${m.cpu}, ${m.cores} cores, ${m.os}; Node ${m.node}; ${m.python ?? "no python3"}\n`);
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

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}
