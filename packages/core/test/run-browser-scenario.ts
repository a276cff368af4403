/** Runs a scenario's bundle in Chromium Web Workers through the host, as the site's Run button does. */
import { type RunResult, startRun } from "../src/host/index.ts";

export interface BrowserRun {
  lines: string[];
  /** stdout and stderr, for an assertion's message. */
  report: string;
  result: RunResult;
}

export async function runInBrowser(file: string): Promise<BrowserRun> {
  const lines: string[] = [];
  const errors: string[] = [];
  const run = startRun(`/scenarios/${file.replace(/\.ts$/, ".js")}`, {
    onLine: (line) => (line.stream === "stdout" ? lines : errors).push(line.text),
    timeoutMs: 50_000,
  });
  const result = await run.done;
  return { lines, report: `stdout:\n${lines.join("\n")}\nstderr:\n${errors.join("\n")}`, result };
}
