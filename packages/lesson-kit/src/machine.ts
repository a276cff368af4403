/**
 * What makes two captures comparable: the machine they ran on and how busy
 * it was. A timeline captured at load 6 on 2 cores is not the one a learner
 * sees on a quiet laptop; `run.json` says which it was.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";

export interface Machine {
  cpu: string;
  /** The cores Node may use (`os.availableParallelism()`). */
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** `python3 --version`, when the lesson has a Python twin and python3 runs. */
  python?: string;
}

/** The 1-, 5- and 15-minute load averages, rounded to hundredths. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg().map((n) => Math.round(n * 100) / 100);
  return [a!, b!, c!];
}

export function machine(withPython: boolean): Machine {
  const m: Machine = {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
  if (withPython) {
    const run = spawnSync("python3", ["--version"], { encoding: "utf8", timeout: 10_000 });
    const version = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim();
    if (run.status === 0 && version) m.python = version;
  }
  return m;
}

/** What a page says of a captured run's conditions; a run.json from before they were recorded has none. */
export interface RunConditions {
  conditions?: { machine?: Pick<Machine, "cores"> };
}

/**
 * The conditions of one captured run, in words, for the caption under its
 * output: "on 2 cores at a load of 17.42", and, when the load was at or above
 * the cores (other programs wanted every one of them), that its times are
 * theirs as much as its own. `null` when run.json does not say.
 */
export function conditionsNote(
  record: RunConditions,
  run: { load?: { before: readonly number[]; after: readonly number[] } },
): string | null {
  const cores = record.conditions?.machine?.cores;
  const before = run.load?.before[0];
  const after = run.load?.after[0];
  if (cores === undefined || before === undefined || after === undefined) return null;
  const end = before === after ? "" : `; ${after} by its end`;
  const busy = Math.max(before, after) >= cores;
  return (
    `It ran on ${cores} ${cores === 1 ? "core" : "cores"} at a load of ${before} (threads wanting a core, averaged over a minute${end})` +
    (busy
      ? ": busier than its cores, so every time it shows is other programs' as much as its own."
      : ".")
  );
}
