import { explore, judge, lessonChecks, runStepped } from "./src/explore.ts";
const dir = "/work/wt/scheduler/packages/lessons/07-lock";
const checks = await lessonChecks(dir);
const scheduler = process.argv[2] as "pct" | "random";
const found: number[] = [];
let reproduced = 0;
for (let seed = 1; seed <= 20; seed++) {
  const r = explore(dir, "my-try.ts", checks, { runs: 100, scheduler, seed: seed * 1000 });
  if (!r.failure) {
    console.log(`seed ${seed * 1000}: no failure in ${r.runs}`);
    found.push(Infinity);
    continue;
  }
  found.push(r.runs);
  const replay = runStepped(dir, "my-try.ts", {
    scheduler: "replay",
    replay: r.failure.run.schedule,
  });
  const again = judge(replay, checks);
  const same =
    again.length > 0 &&
    again[0]!.name === r.failure.failed[0]!.name &&
    replay.lines.join("\n") === r.failure.run.lines.join("\n");
  if (same) reproduced++;
  console.log(
    `seed ${seed * 1000}: failed at run ${r.runs} (${r.failure.failed.map((f) => f.name).join("; ")}), replay ${same ? "same" : "DIFFERENT"}`,
  );
}
const sorted = [...found].sort((a, b) => a - b);
console.log(
  `${scheduler}: failing runs found in ${found.filter((x) => x !== Infinity).length}/20 seeds; runs to the first failure: median ${sorted[10]}, mean ${(found.reduce((a, b) => a + b, 0) / 20).toFixed(1)}, max ${sorted[19]}; replay reproduced ${reproduced}/20`,
);
