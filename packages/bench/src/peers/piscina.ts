/** piscina's trivial-task rate: every task submitted at once, one worker per core (as our pool). */
import { Piscina } from "piscina";
import { errorMessage, type FigureInput, missing } from "../figures.ts";
import { median } from "../rounds.ts";
import type { Settings } from "../settings.ts";
import { poolThreads } from "../suites/core.ts";

export async function piscinaFigure(s: Settings): Promise<FigureInput> {
  const threads = poolThreads();
  const pool = new Piscina({
    filename: new URL("../workers/piscina-task.ts", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  const f = {
    id: "piscina.tasks",
    label: `piscina, trivial tasks (${pool.options.maxThreads} threads)`,
    unit: "tasks/s",
    better: "higher",
  } as const;
  try {
    const batch = async (n: number) => {
      const jobs: Promise<number>[] = [];
      for (let i = 0; i < n; i++) jobs.push(pool.run(i));
      const results = await Promise.all(jobs);
      if (results[n - 1] !== n - 1) throw new Error("a task returned the wrong value");
    };
    await batch(s.poolTasks); // warm-up: every worker started
    const rates: number[] = [];
    for (let r = 0; r < s.rounds; r++) {
      const t0 = performance.now();
      await batch(s.poolTasks);
      rates.push(s.poolTasks / ((performance.now() - t0) / 1000));
    }
    return { ...f, value: median(rates), samples: rates };
  } catch (error) {
    return missing(f, `failed: ${errorMessage(error)}`);
  } finally {
    await pool.destroy();
  }
}
