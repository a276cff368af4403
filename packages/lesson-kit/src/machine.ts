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
