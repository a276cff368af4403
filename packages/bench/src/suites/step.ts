/**
 * What step mode costs per step: the same program (`programs/step-counter.ts`,
 * two threads of Atomics.add) run in fresh processes with and without
 * UNRAVEL_STEP: the time from the first add to the last (which the program
 * prints) over the adds, each of which is one step. Measured without the
 * step log, and with it (each step recorded with its source line: a stack
 * capture and a write). The baseline is a bare Atomics.add.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { errorMessage, type FigureInput, missing, type Step } from "../figures.ts";
import { median } from "../rounds.ts";
import type { Settings } from "../settings.ts";

const program = fileURLToPath(new URL("../programs/step-counter.ts", import.meta.url));

/** The program's own time (ms); with `log`, also the steps it logged. */
function timed(adds: number, step: object, log = false): { ms: number; steps: number } {
  const dir = mkdtempSync(join(tmpdir(), "bench-step-"));
  const file = join(dir, "steps.jsonl");
  try {
    const env = { ...process.env };
    env.UNRAVEL_STEP = JSON.stringify({ ...step, ...(log ? { log: file } : {}) });
    const run = spawnSync(process.execPath, [program, String(adds)], {
      encoding: "utf8",
      env,
      timeout: 180_000,
    });
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(run.stderr.trim() || `exit code ${run.status}`);
    const steps = log ? readFileSync(file, "utf8").split("\n").filter(Boolean).length - 1 : 0;
    return { ms: Number(run.stdout.trim()), steps };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function stepSteps(s: Settings): Step[] {
  const adds = s.quick ? 50 : 5000;
  const runs = Math.max(1, s.processRuns);
  const perStep: Omit<FigureInput, "value" | "note"> = {
    id: "step.per-step",
    label: "step mode: one step (random scheduler, 2 threads of Atomics.add)",
    unit: "ns",
    better: "lower",
  };
  const logged: Omit<FigureInput, "value" | "note"> = {
    id: "step.per-step-logged",
    label: "step mode: one step, recorded (its source line and values logged)",
    unit: "ns",
    better: "lower",
  };
  const plain: Omit<FigureInput, "value" | "note"> = {
    id: "step.plain-add",
    label: "floor: Atomics.add on a shared Int32, not stepped",
    unit: "ns",
    better: "lower",
    source: "floor",
  };
  return [
    {
      id: "step.per-step",
      run: () => {
        try {
          const stepped: number[] = [];
          const recorded: number[] = [];
          for (let i = 0; i < runs; i++) {
            const config = { scheduler: "random", seed: i + 1 };
            stepped.push(timed(adds, config).ms / (2 * adds));
            const log = timed(adds, config, true);
            // One step per add, and a few for starts, joins and prints.
            if (Math.abs(log.steps - 2 * adds) > 20)
              throw new Error(`expected one step per add: ${log.steps} steps for ${2 * adds} adds`);
            recorded.push(log.ms / (2 * adds));
          }
          const word = new Int32Array(new SharedArrayBuffer(4));
          const n = 1_000_000;
          const t0 = performance.now();
          for (let i = 0; i < n; i++) Atomics.add(word, 0, 1);
          const bare = (performance.now() - t0) / n;
          return [
            { ...perStep, value: median(stepped) * 1e6 },
            { ...logged, value: median(recorded) * 1e6 },
            { ...plain, value: bare * 1e6 },
          ];
        } catch (error) {
          const why = errorMessage(error);
          return [missing(perStep, why), missing(logged, why), missing(plain, why)];
        }
      },
    },
  ];
}
