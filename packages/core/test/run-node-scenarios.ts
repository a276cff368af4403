/** Runs part-2 scenarios as child processes (`node scenario.ts`), as `scenarios.test.ts` does. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkPart2, part2, part2NodeOnly } from "./part2-scenarios.ts";

const run = promisify(execFile);

/** Runs `scenarios/<file>` as `node <file>`: its stdout lines, and a report for an assertion's message. */
export async function runOnNode(file: string): Promise<{ lines: string[]; report: string }> {
  const path = fileURLToPath(new URL(`./scenarios/${file}`, import.meta.url));
  const { stdout, stderr } = await run(process.execPath, [path], { timeout: 60_000 });
  return {
    lines: stdout.split("\n").filter(Boolean),
    report: `stdout:\n${stdout}\nstderr:\n${stderr}`,
  };
}

export function runScenariosOnNode(group: keyof typeof part2): void {
  describe.concurrent(`${group} on Node worker_threads`, () => {
    for (const scenario of [...part2[group]!, ...(part2NodeOnly[group] ?? [])]) {
      it(scenario.title, async () => {
        const { lines, report } = await runOnNode(scenario.file);
        expect(checkPart2(scenario, lines), report).toEqual([]);
      });
    }
  });
}
