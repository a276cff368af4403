/** Runs part-2 scenarios as child processes (`node scenario.ts`), as `scenarios.test.ts` does. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkPart2, part2, part2NodeOnly } from "./part2-scenarios.ts";

const run = promisify(execFile);

export function runScenariosOnNode(group: keyof typeof part2): void {
  describe.concurrent(`${group} on Node worker_threads`, () => {
    for (const scenario of [...part2[group]!, ...(part2NodeOnly[group] ?? [])]) {
      it(scenario.title, async () => {
        const file = fileURLToPath(new URL(`./scenarios/${scenario.file}`, import.meta.url));
        const { stdout, stderr } = await run(process.execPath, [file], { timeout: 60_000 });
        const lines = stdout.split("\n").filter(Boolean);
        expect(checkPart2(scenario, lines), `stdout:\n${stdout}\nstderr:\n${stderr}`).toEqual([]);
      });
    }
  });
}
