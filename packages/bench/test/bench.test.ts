/**
 * Runs the whole bench once with tiny counts (BENCH_QUICK=1), so it cannot
 * rot. It checks that every row is there and every figure was measured or
 * says why not; it never judges speed.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRows, fillLimit, rowSpecs } from "../src/compare.ts";
import type { Figure } from "../src/figures.ts";
import { formatValue, renderTable } from "../src/format.ts";
import { queueCases, queueId } from "../src/queue-cases.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("pnpm bench, quick", () => {
  let run: SpawnSyncReturns<string>;
  let record: any;
  beforeAll(() => {
    run = spawnSync(process.execPath, ["src/main.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, BENCH_QUICK: "1" },
      timeout: 150_000, // generous: a loaded CI machine is slow, and this test never judges speed
    });
    record = JSON.parse(readFileSync(`${root}/results/quick.json`, "utf8"));
  });

  it("exits cleanly and prints the table", () => {
    expect(run.stderr).not.toMatch(/Error:|Exception in thread/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("figure");
    expect(run.stdout).toContain("Lock acquire + release, uncontended");
    expect(run.stdout).toMatch(/Targets: \d+ met, \d+ missed/);
  });

  it("writes a record with the date, the machine and every row", () => {
    expect(record.quick).toBe(true);
    expect(Date.parse(record.date)).toBeGreaterThan(0);
    expect(record.machine.cores).toBeGreaterThan(0);
    expect(record.machine.node).toBe(process.version);
    expect(record.rows).toHaveLength(rowSpecs.length);
    expect(run.stdout).toContain("node src/main.ts of “creating-a-thread”, wall time");
  });

  it("measures every figure of ours, or says why not", () => {
    const ours = (record.figures as Figure[]).filter((f) => f.source === "ours");
    expect(ours.length).toBeGreaterThan(15);
    for (const f of ours) {
      if (f.value === null) expect(f.note, f.id).toMatch(/^(not measured|failed): /);
      else expect(f.value, f.id).toBeGreaterThan(0);
    }
    // Part 1 of core is in: these must be real figures, not failures.
    for (const id of [
      "lock.uncontended",
      "lock.counter2",
      "event.pingpong",
      "thread.start.cold",
      "thread.start.first",
      "program.wall",
      "program.rss",
      "thread.many",
      "thread.many.rss",
      "thread.memory",
    ]) {
      expect(ours.find((f) => f.id === id)?.value, id).toBeGreaterThan(0);
    }
  });

  it("has every baseline measured, except CPython where python3 is absent", () => {
    const base = (record.figures as Figure[]).filter((f) => f.source !== "ours");
    for (const f of base) {
      if (f.value === null) expect(f.note, f.id).toMatch(/failed|not measured/);
    }
    const floors = base.filter((f) => f.source === "floor" || f.source === "node");
    expect(floors.every((f) => f.value !== null)).toBe(true);
    // postMessage of the Queue's small objects: measured (its round checks every id came through).
    expect(floors.find((f) => f.id === "node.pm-oneway.obj")?.value).toBeGreaterThan(0);
    expect(
      (record.rows as { figure: string; baseline: string }[]).filter(
        (r) => r.baseline === "postMessage one-way (small objects)",
      ),
    ).toHaveLength(4);
    if (record.machine.python) expect(base.some((f) => f.source === "cpython")).toBe(true);
  });
});

describe("the table", () => {
  const fig = (
    id: string,
    value: number | null,
    unit: Figure["unit"],
    better: Figure["better"],
  ): Figure => ({
    id,
    label: id,
    unit,
    better,
    value,
    source: "ours",
    ...(value === null ? { note: "not measured: not landed" } : {}),
  });

  it("states ratios as how many times faster ours is, for costs and for rates", () => {
    const rows = buildRows(
      [
        fig("a", 20, "ns", "lower"),
        fig("b", 40, "ns", "lower"),
        fig("c", 300, "ops/s", "higher"),
        fig("d", 100, "ops/s", "higher"),
      ],
      [
        { ours: "a", baseline: "b", target: { kind: "ratio", min: 1 / 1.5, text: "cost ≤ 1.5×" } },
        { ours: "c", baseline: "d", target: { kind: "ratio", min: 5, text: "≥ 5×" } },
      ],
    );
    expect(rows.map((r) => r.ratio)).toEqual([2, 3]);
    expect(rows.map((r) => r.met)).toEqual([true, false]);
  });

  it("keeps a row whose figure is missing, and says so", () => {
    const rows = buildRows(
      [fig("base", 5, "tasks/s", "higher"), fig("pool", null, "tasks/s", "higher")],
      [{ ours: "pool", baseline: "base", target: { kind: "ratio", min: 2, text: "≥ 2×" } }],
    );
    expect(rows[0]!.met).toBeNull();
    expect(rows[0]!.verdict).toBe("not judged: ours not measured");
    expect(renderTable(rows)).toContain("not measured");
  });

  it("says what limits a missed target, with the run's own figures, and only when missed", () => {
    const rows = buildRows(
      [
        fig("ours", 300, "ns", "lower"),
        fig("floor", 100, "ns", "lower"),
        fig("using", 250, "ns", "lower"),
      ],
      [
        {
          ours: "ours",
          baseline: "floor",
          target: { kind: "ratio", min: 1 / 1.2, text: "cost ≤ 1.2×" },
          limit: "`using` costs {using}, a fifth of it {using*0.2}, and {gone}",
        },
        {
          ours: "floor",
          baseline: "ours",
          target: { kind: "ratio", min: 1, text: "≥ 1×" },
          limit: "never shown",
        },
      ],
    );
    expect(rows[0]!.met).toBe(false);
    expect(rows[0]!.targetRatio).toBeCloseTo(1 / 1.2);
    expect(rows[0]!.limit).toBe(
      "`using` costs 250 ns, a fifth of it 50.0 ns, and (gone: not measured)",
    );
    expect(rows[1]!.met).toBe(true);
    expect(rows[1]!.limit).toBeUndefined();
    expect(fillLimit("{x}", new Map())).toBe("(x: not measured)");
  });

  it("gives every targeted row of the issue's table a target, and every start-up row a baseline run beside it", () => {
    const pairs = rowSpecs.filter((r) => r.target).map((r) => `${r.ours} vs ${r.baseline}`);
    for (const pair of [
      "lock.hold vs floor.using-futex",
      "queue.num.1x1.unbounded vs floor.spsc-ring",
      "queue.num.1x1.bounded vs floor.spsc-ring",
      "program.wall vs node.program.wall",
      "program.rss vs node.program.rss",
      "thread.start.first vs node.worker-start.first",
      "thread.many vs node.many",
      "thread.many.rss vs node.many.rss",
      "thread.memory vs node.worker-memory",
      "thread.start.warm vs cpython.thread-start",
    ])
      expect(pairs).toContain(pair);
    // The old targets the issue replaced are gone, their baselines kept as columns.
    expect(pairs).not.toContain("lock.hold vs cpython.lock-with");
    expect(pairs.filter((p) => p.endsWith("node.pm-oneway"))).toEqual([]);
    const all = rowSpecs.map((r) => `${r.ours} vs ${r.baseline}`);
    expect(all).toContain("lock.hold vs cpython.lock-with");
    expect(all).toContain("queue.num.1x1.unbounded vs node.pm-oneway");
    // Every Queue case has its postMessage row, small objects as numbers: the message baseline.
    for (const c of queueCases)
      expect(all).toContain(`${queueId(c)} vs node.pm-oneway${c.objects ? ".obj" : ""}`);
  });

  it("formats memory in MiB", () => {
    expect(formatValue(145.2, "MiB")).toBe("145 MiB");
    expect(formatValue(19.04, "MiB")).toBe("19.0 MiB");
  });
});
