/** Runs `multithreading.ts` in a child process and reads its figures (its stderr is its own noise). */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FigureInput } from "../figures.ts";

export function multithreadingSuite(): { figures: FigureInput[]; note?: string } {
  const script = fileURLToPath(new URL("./multithreading.ts", import.meta.url));
  const run = spawnSync(process.execPath, [script], {
    encoding: "utf8",
    timeout: 120_000,
    env: process.env,
  });
  // Its workers print code dumps on stdout too: our result is the last line that is our JSON.
  const line = run.stdout
    ?.split("\n")
    .reverse()
    .find((l) => l.startsWith('{"figures"'));
  if (!line) {
    const why =
      run.error?.message ??
      `exit ${run.status ?? run.signal}: ${(run.stderr ?? "").trim().split("\n").at(-1)}`;
    return { figures: [], note: `the multithreading run ended without results (${why})` };
  }
  return { figures: (JSON.parse(line) as { figures: FigureInput[] }).figures };
}
