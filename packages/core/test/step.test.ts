/**
 * Step mode: programs in `step/` (and the two in `scenarios/` the page test
 * steps too) run as child processes (`node file.ts`)
 * with UNRAVEL_STEP set, as `pnpm lesson N --explore` runs them; each run
 * logs its steps to a file, which the tests read back.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { StepConfig, StepRecord } from "../src/step/engine.ts";
import { changePoints, formatSchedule, parseSchedule } from "../src/step/schedulers.ts";
import { stepping } from "../src/step/state.ts";

// Shared with the page's step test (step.browser.test.ts): one program each, not a copy per test.
const LOST_UPDATE = "../scenarios/step-lost-update.ts"; // two threads × 2 additions, then a lock
const TWO_LOCKS = "../scenarios/step-two-locks.ts";

interface Stepped {
  code: number | null;
  stdout: string;
  stderr: string;
  steps: StepRecord[];
  schedule: number[];
  end: string | undefined;
  ms: number;
}

function run(
  file: string,
  config: StepConfig,
  timeout = 60_000,
  env: Record<string, string> = {},
): Promise<Stepped> {
  const path = fileURLToPath(new URL(`./step/${file}`, import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "unravel-step-test-"));
  const log = join(dir, "steps.jsonl");
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path],
      {
        timeout,
        env: { ...process.env, ...env, UNRAVEL_STEP: JSON.stringify({ ...config, log }) },
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        let entries: (StepRecord & { end?: string })[] = [];
        try {
          entries = readFileSync(log, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line));
        } catch {}
        rmSync(dir, { recursive: true, force: true });
        const steps = entries.filter((e) => e.end === undefined);
        resolve({
          code,
          stdout,
          stderr,
          steps,
          schedule: steps.map((s) => s.thread),
          end: entries.find((e) => e.end !== undefined)?.end,
          ms: performance.now() - started,
        });
      },
    );
  });
}

const total = (r: Stepped) => Number(/total (\d+) of \d+/.exec(r.stdout)?.[1]);

describe("step mode", () => {
  it("is off unless asked for: nothing is wrapped, no step is taken", () => {
    expect(stepping).toBe(false);
    expect(Atomics.load.name).toBe("load"); // the built-in, not step mode's wrapper
  });

  it("the same seed gives the same run; a recorded schedule replays it twice, event by event", async () => {
    const first = await run("mixed.ts", { scheduler: "pct", seed: 7 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.end).toBe("finished");
    expect(first.stdout).toBe("timed out waiting: true\nsum 3\n");
    const again = await run("mixed.ts", { scheduler: "pct", seed: 7 });
    expect(again.steps).toEqual(first.steps);
    const replay = { scheduler: "replay", replay: first.schedule } as const;
    const [r1, r2] = [await run("mixed.ts", replay), await run("mixed.ts", replay)];
    for (const r of [r1, r2]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(first.stdout);
      expect(r.steps.length).toBe(first.steps.length);
      for (const [i, step] of r.steps.entries())
        expect(step, `step ${i + 1}`).toEqual(first.steps[i]);
    }
    // Every kind of step point showed up, with its object and the program's line.
    const ops = new Set(first.steps.map((s) => `${s.op} ${s.object?.split(" ")[0] ?? ""}`.trim()));
    for (const op of [
      "start Thread",
      "thread-start",
      "wait Barrier",
      "sleep",
      "put Queue",
      "get Queue",
      "set Event",
      "wait Event",
      "timeout Event",
      "acquire Semaphore",
      "release Semaphore",
      "acquire Lock",
      "notify Condition",
      "Atomics.add Int32Array(1)[0]",
      "Atomics.load Int32Array(1)[0]",
      "join Thread",
      "print",
      "thread-end",
    ])
      expect([...ops], op).toContain(op);
    const add = first.steps.find((s) => s.op === "Atomics.add")!;
    expect(add.site).toMatch(/test\/step\/mixed\.ts:40$/);
    expect(add.after! - add.before!).toBeGreaterThanOrEqual(0);
  });

  it("a thread pool runs in step mode: its own words are not steps, and its schedule replays", async () => {
    const first = await run("pool.ts", { scheduler: "pct", seed: 2 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("1 4 9\n");
    expect(first.end).toBe("finished");
    expect(first.steps.filter((s) => s.op === "thread-start").length).toBe(3); // main + 2 workers
    // The pool's control words reach its workers as arguments, but they are core's.
    expect(first.steps.filter((s) => s.op.startsWith("Atomics."))).toEqual([]);
    expect(first.steps.some((s) => s.op === "wake" && s.object?.startsWith("Future"))).toBe(true);
    const again = await run("pool.ts", { scheduler: "replay", replay: first.schedule });
    expect(again.stdout).toBe(first.stdout);
    expect(again.steps).toEqual(first.steps);
  });

  it("each async twin is a step point as its blocking twin is: the same steps, and its schedule replays", async () => {
    const out = "cells 6, woke true, ended true, result 9, ticks 0\n";
    for (const seed of [1, 2]) {
      const config = { scheduler: "random", seed } as const;
      const sync = await run("async-twins.ts", config, 60_000, { TWINS: "blocking" });
      const awaited = await run("async-twins.ts", config);
      for (const r of [sync, awaited]) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe(out); // main's timer never ticked while main awaited
        expect(r.end).toBe("finished");
      }
      // Step for step, with the same objects, values and lines.
      expect(awaited.steps).toEqual(sync.steps);
      const ops = new Set(awaited.steps.map((s) => s.op));
      for (const op of ["wait", "get", "put", "acquire", "release", "join", "wake"])
        expect([...ops], op).toContain(op);
    }
    const first = await run("async-twins.ts", { scheduler: "pct", seed: 5 });
    const replay = { scheduler: "replay", replay: first.schedule } as const;
    const [r1, r2] = [await run("async-twins.ts", replay), await run("async-twins.ts", replay)];
    expect(r1.steps).toEqual(first.steps);
    expect(r2.steps).toEqual(first.steps);
  });

  it("time is virtual: 30 s of sleeps and a 5 s timeout pass without waiting", async () => {
    const r = await run("mixed.ts", { scheduler: "random", seed: 3 });
    expect(r.code, r.stderr).toBe(0);
    expect(Math.max(...r.steps.map((s) => s.clock ?? 0))).toBeGreaterThanOrEqual(30_000);
    expect(r.ms).toBeLessThan(25_000); // a real run sleeps 30 s
  });

  it("finds the lost update, and its schedule replays the same loss", async () => {
    const runs: Stepped[] = [];
    for (let seed = 1; seed <= 12; seed++)
      runs.push(await run(LOST_UPDATE, { scheduler: "pct", seed, steps: 30 }));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const totals = runs.map(total);
    for (const t of totals) expect(t).toBeGreaterThanOrEqual(1);
    const lost = runs.find((r) => total(r) < 4);
    expect(lost, `totals: ${totals}`).toBeDefined();
    expect(totals).toContain(4); // not every schedule loses
    const replayed = await run(LOST_UPDATE, {
      scheduler: "replay",
      replay: parseSchedule(formatSchedule(lost!.schedule)),
    });
    expect(replayed.stdout).toBe(lost!.stdout);
    expect(replayed.steps).toEqual(lost!.steps);
  });

  it("an array deep in a thread's arguments (in objects, in a Map) is the program's: its lost update is found", async () => {
    const runs: Stepped[] = [];
    for (let seed = 1; seed <= 10 && !runs.some((r) => total(r) < 6); seed++)
      runs.push(await run("nested-arrays.ts", { scheduler: "random", seed }));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const lost = runs.find((r) => total(r) < 6);
    expect(lost, `totals: ${runs.map(total)}`).toBeDefined();
    // Every load and store of both threads is a step, on the one array, with its values.
    const calls = lost!.steps.filter((s) => s.op.startsWith("Atomics."));
    expect(calls.map((s) => s.op).sort()).toEqual([
      ...Array(6).fill("Atomics.load"),
      ...Array(6).fill("Atomics.store"),
    ]);
    expect(new Set(calls.map((s) => s.thread))).toEqual(new Set([2, 3]));
    for (const s of calls) expect(s.object).toBe("Int32Array(1)[0]");
    // Each store writes one more than its thread's load before it read.
    const read = new Map<number, number>();
    for (const s of calls) {
      if (s.op === "Atomics.load") {
        expect(s.after).toBe(s.before);
        read.set(s.thread, s.before!);
      } else expect(s.after, `step ${s.step}`).toBe(read.get(s.thread)! + 1);
    }
    // The loss, step by step: a store that did not add one to what the counter held.
    expect(calls.some((s) => s.op === "Atomics.store" && s.after !== s.before! + 1)).toBe(true);
  });

  it("a pool's workers step on an array from initargs, and not on the pool's own words", async () => {
    const r = await run("pool-initargs.ts", { scheduler: "random", seed: 1 });
    expect(r.code, r.stderr).toBe(0);
    const calls = r.steps.filter((s) => s.op.startsWith("Atomics."));
    expect(calls.map((s) => s.op).sort()).toEqual([
      "Atomics.load",
      "Atomics.load",
      "Atomics.store",
      "Atomics.store",
    ]);
    for (const s of calls) {
      expect(s.object).toBe("Int32Array(1)[0]");
      expect(s.name).toMatch(/^ThreadPoolExecutor-\d+_\d$/);
      expect(s.site).toMatch(/test\/step\/pool-initargs\.ts:1[23]$/);
    }
  });

  it("a two-lock deadlock is exact: found, reported with its cycle, and replayed", async () => {
    let found: Stepped | undefined;
    for (let seed = 1; seed <= 40 && !found; seed++) {
      const r = await run(TWO_LOCKS, { scheduler: "random", seed });
      if (r.end === "deadlock") found = r;
      else expect(r.stdout, r.stderr).toBe("both done\n");
    }
    expect(found, "no deadlock in 40 random schedules").toBeDefined();
    const r = found!;
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("both done");
    expect(r.stderr).toContain("deadlock: every thread is blocked");
    expect(r.stderr).toMatch(
      /left waits in acquire\(\) for Lock#\d, held by right, at test\/scenarios\/step-two-locks\.ts:6/,
    );
    expect(r.stderr).toMatch(
      /right waits in acquire\(\) for Lock#\d, held by left, at test\/scenarios\/step-two-locks\.ts:6/,
    );
    expect(r.stderr).toMatch(
      /cycle: (left|right) → Lock#\d held by (right|left) → Lock#\d held by (left|right)/,
    );
    const again = await run(TWO_LOCKS, { scheduler: "replay", replay: r.schedule });
    expect(again.end).toBe("deadlock");
    expect(again.stderr).toBe(r.stderr);
  });

  it("a lock whose holder ended throws LockAbandonedError, whether the waiter blocked before or after the end", async () => {
    const ops = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) {
      const r = await run("abandoned.ts", { scheduler: "random", seed });
      expect(r.end, r.stderr).toBe("finished");
      expect(r.stdout).toBe("abandoned by crasher\n");
      // Blocked first, the acquire ends with a wake step; otherwise it throws at once.
      const i = r.steps.findLastIndex((s) => s.thread === 1 && s.op === "acquire");
      ops.add(r.steps.slice(i + 1).find((s) => s.thread === 1)?.op ?? "none");
    }
    expect([...ops].sort()).toEqual(["print", "wake"]);
  });

  it("the program's Atomics.wait is a stepped wait: woken by its store, or timed out in virtual time", async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 4; seed++) {
      const r = await run("handshake.ts", { scheduler: "random", seed });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^woken: (ok|not-equal), then: timed-out, flag 1\n$/);
      seen.add(r.stdout);
      const waits = r.steps.filter((s) => s.op === "Atomics.wait").map((s) => s.object);
      expect(waits).toEqual(["Int32Array(2)[0]", "Int32Array(2)[1]"]);
      expect(r.steps.some((s) => s.op === "timeout" && (s.clock ?? 0) >= 60_000)).toBe(true);
    }
  });

  it("a thread that busy-waits is reported as not steppable, and the run ends", async () => {
    const r = await run("busy.ts", { stuckMs: 500 });
    expect(r.code).toBe(1);
    expect(r.end).toBe("stuck");
    expect(r.stderr).toContain(
      "Thread-1 (spin) has run for over 500 ms without reaching a step point",
    );
    expect(r.stdout).not.toContain("never printed");
  });

  it("a slow boot is not a thread that runs without a step point", async () => {
    // Each worker's module takes 1.5 s to load, three times the limit.
    const r = await run("slow-boot.ts", { scheduler: "random", seed: 1, stuckMs: 500 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.end).toBe("finished");
    expect(r.stdout.split("\n").filter(Boolean).sort()).toEqual([
      "all joined",
      "hello from 1",
      "hello from 2",
      "hello from 3",
    ]);
  });

  it("a thread whose worker exits while it boots ends at once: nobody waits for it to arrive", async () => {
    // Its worker exits before the thread reaches step mode; only that worker
    // can say so (the starter's event loop does not run during a stepped
    // run). It used to count as starting for all of startMs, in silence.
    const config = { scheduler: "random", seed: 1, startMs: 20_000 } as const;
    const [a, b] = await Promise.all([run("boot-exit.ts", config), run("boot-exit.ts", config)]);
    for (const r of [a, b]) {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.end).toBe("finished");
      expect(r.stdout).toBe(
        "joined: alive false, thread gone exited with code 3 before its target returned\n",
      );
      expect(r.steps.map((s) => s.op)).toEqual([
        "thread-start",
        "start",
        "join",
        "print",
        "thread-end",
      ]);
    }
    expect(b.steps).toEqual(a.steps);
  });

  it("a thread that ends without its end step stops the run, naming it and its last step", async () => {
    // process.exit() in the middle of its turn: the run used to finish as if it had returned.
    const r = await run("exit-in-turn.ts", { scheduler: "random", seed: 1 });
    expect(r.code).toBe(1);
    expect(r.end).toBe("failed");
    expect(r.stdout).not.toContain("joined");
    expect(r.stderr).toContain(
      "step mode: quitter (thread 2) ended in the middle of its turn, without taking its end step, " +
        "at step 5; its last step was step 5 (Atomics.add Int32Array(1)[0]). " +
        "It ended with: thread quitter exited with code 3 before its target returned.",
    );
  });

  it("a thread whose worker is terminated outside its turn stops the run, not a hang", async () => {
    // The daemon's starter ends, and its worker takes the daemon's with it,
    // wherever the daemon is — on a busy machine, before its worker has even
    // booted. Nobody could say so: the run hung for good.
    for (const seed of [1, 2]) {
      const r = await run("orphan.ts", { scheduler: "random", seed }, 30_000);
      expect(r.code, r.stderr).toBe(1);
      expect(r.end).toBe("failed");
      expect(r.stderr).toMatch(
        /^step mode: orphan \(thread 3\) ended (outside its turn \(\w+ had it\)|in the middle of its turn, without taking its end step|when it was given the turn, before it took its step), at step \d+; (its last step was step \d+ \((thread-start|sleep|timeout)\)|it had taken no step)\. It ended with: thread orphan was stopped when the worker of parent, which started it, exited/,
      );
    }
  });

  it("a schedule that does not fit the program says where it diverged", async () => {
    const r = await run(LOST_UPDATE, { scheduler: "replay", replay: [1, 1, 9] });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("diverged at step 3: it names thread 9");
  });

  it("refuses a bad configuration, naming it", async () => {
    const r = await run(LOST_UPDATE, { scheduler: "fair" as "pct" });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('unknown scheduler "fair"; use one of replay, random, pct, first');
  });
});

describe("schedules and PCT's change points", () => {
  it("a schedule survives its text form", () => {
    const schedule = [1, 1, 1, 2, 3, 3, 1];
    expect(formatSchedule(schedule)).toBe("1*3,2,3*2,1");
    expect(parseSchedule("1*3,2,3*2,1")).toEqual(schedule);
    expect(() => parseSchedule("1,x")).toThrow(/thread numbers separated by commas/);
  });

  it("change points fall in 1 … k", () => {
    const points = changePoints(500, 10, () => Math.floor(Math.random() * 2 ** 32));
    expect(points).toHaveLength(500);
    expect(Math.min(...points)).toBe(1);
    expect(Math.max(...points)).toBe(10);
  });
});
