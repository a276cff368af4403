// Lighthouse on a lesson page of the built site, as a user flow: the page's load
// (before Edit), the click on "Edit the code" as a timespan (all the work the click
// causes, until the editor is highlighted), the page with the editor open as a
// snapshot (accessibility), and the load of a Share link (the editor opens at load
// once the sample is near the screen). Not part of `pnpm test`: Lighthouse's numbers
// move with the machine's load, so it prints the load with every run.
//
//   mkdir -p /tmp/lh && cd /tmp/lh && npm init -y && npm i -E lighthouse@12.2.3
//   node apps/site/scripts/lighthouse-flow.mjs [--runs 3] [--lesson lock] [--tasks] [dist ...]
//
// Several dist folders (e.g. a copy of an older build, then apps/site/dist) are
// measured in turn, run after run, so that each gets the same share of the load;
// the medians come last. A dist may carry a query for the page (`dist?x=1`).
// --tasks lists each step's long tasks. Files are served gzipped, as any real static
// host serves them (--no-gzip: as the tests' server does).
// LIGHTHOUSE_DIR says where Lighthouse is installed (default /tmp/lh), CHROMIUM_PATH
// the browser (default /usr/bin/chromium).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { deflateRawSync } from "node:zlib";
import { serveStatic } from "../test/server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    // Also lists each step's long tasks (Lighthouse's long-tasks audit): what to split next.
    tasks: { type: "boolean", default: false },
    lesson: { type: "string", default: "lock" },
    // Writes each run's flow artifacts (the steps' traces among them) as JSON into this folder.
    save: { type: "string" },
    // Serve the files uncompressed, as test/server.ts does for the tests.
    "no-gzip": { type: "boolean", default: false },
  },
  allowPositionals: true,
});
const dists = positionals.length ? positionals : [path.join(here, "../dist")];
const runs = Number(values.runs);

// Lighthouse and its puppeteer-core live outside the repo (not a dependency of the site).
const lhDir = process.env.LIGHTHOUSE_DIR ?? "/tmp/lh";
const requireLh = createRequire(path.join(lhDir, "package.json"));
const load = async (name) => {
  try {
    return await import(pathToFileURL(requireLh.resolve(name)).href);
  } catch {
    throw new Error(
      `${name} is not installed in ${lhDir}: run \`npm i -E lighthouse@12.2.3\` there, or set LIGHTHOUSE_DIR`,
    );
  }
};
const { startFlow } = await load("lighthouse");
const puppeteer = (await load("puppeteer-core")).default;

const config = {
  extends: "lighthouse:default",
  settings: { onlyCategories: ["performance", "accessibility"] },
};
const uptime = () =>
  execFileSync("uptime", { encoding: "utf8" })
    .trim()
    .replace(/.*load average: /, "");

/** One flow on one build: each step's scores and metrics. */
async function measure(target) {
  const [dist, query = ""] = target.split("?");
  // Compressed, as a real host serves it (uncompressed text costs the cold load ~200 KB).
  const server = await serveStatic(dist, { isolation: true, gzip: !values["no-gzip"] });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    const url = `${server.url}/lessons/${values.lesson}/${query && `?${query}`}`;
    const flow = await startFlow(page, { config });
    await flow.navigate(url, { name: "before Edit" });
    const source = await page.$eval("unravel-run .run-source", (t) => t.content.textContent);
    await flow.startTimespan({ name: "Edit timespan" });
    await page.click("unravel-run .run-edit");
    await page.waitForSelector('[role="textbox"][aria-label="Code editor"]');
    await page.waitForSelector(".run-editor .cm-line span"); // highlighted: the language too
    await new Promise((r) => setTimeout(r, 2000)); // what the last task leaves behind
    await flow.endTimespan();
    const editorMs = await page.$eval("unravel-run", (el) => el.dataset.editorMs);
    await flow.snapshot({ name: "editor open" });
    const shared = deflateRawSync(`// my try\n${source}`).toString("base64url");
    // A query makes it a new document (a fragment alone would not load the page again).
    await flow.navigate(`${url}${query ? "&" : "?"}shared#code=${shared}`, {
      name: "Share link load",
    });
    const openedAtLoad = (await page.$('[aria-label="Code editor"]')) !== null;
    const result = await flow.createFlowResult();
    if (values.save) {
      mkdirSync(values.save, { recursive: true });
      const name = `${path.basename(dist)}-${Date.now()}`;
      writeFileSync(
        path.join(values.save, `${name}.artifacts.json`),
        JSON.stringify(flow.createArtifactsJson()),
      );
      writeFileSync(path.join(values.save, `${name}.flow.json`), JSON.stringify(result));
    }
    return {
      editorMs,
      openedAtLoad,
      steps: result.steps.map(({ name, lhr }) => ({
        name,
        // A snapshot's performance is a count of passed audits, not a score.
        performance:
          lhr.gatherMode === "snapshot" || lhr.categories.performance?.score == null
            ? null
            : Math.round(lhr.categories.performance.score * 100),
        error: lhr.runtimeError?.message,
        tasks: (lhr.audits["long-tasks"]?.details?.items ?? []).map(
          (t) => `${Math.round(t.startTime)}+${Math.round(t.duration)} ms ${t.url}`,
        ),
        accessibility: lhr.categories.accessibility
          ? Math.round(lhr.categories.accessibility.score * 100)
          : null,
        tbt: lhr.audits["total-blocking-time"]?.numericValue ?? null,
        cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? null,
        failed: (lhr.categories.accessibility?.auditRefs ?? [])
          .filter((r) => lhr.audits[r.id]?.score === 0)
          .map((r) => r.id),
      })),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const fmt = (s) =>
  `${s.name.padEnd(16)} perf ${String(s.performance ?? "-").padStart(3)}  a11y ${String(s.accessibility ?? "-").padStart(3)}` +
  `  TBT ${s.tbt == null ? "   -" : String(Math.round(s.tbt)).padStart(4)} ms  CLS ${s.cls == null ? "-" : s.cls.toFixed(3)}` +
  (s.failed.length ? `  failed: ${s.failed.join(" ")}` : "") +
  (s.error ? `  error: ${s.error}` : "");
const median = (xs) => {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null; // the lower middle for an even count
};

const all = new Map(dists.map((d) => [d, []]));
for (let run = 1; run <= runs; run++) {
  for (const dist of dists) {
    const before = uptime();
    const r = await measure(dist);
    all.get(dist).push(r);
    console.log(
      `\n${dist} run ${run}  load ${before} → ${uptime()}  click to editable ${r.editorMs} ms  editor opened at Share load: ${r.openedAtLoad}`,
    );
    for (const s of r.steps) {
      console.log(`  ${fmt(s)}`);
      if (values.tasks) for (const t of s.tasks) console.log(`      long task ${t}`);
    }
  }
}
console.log(`\nmedians of ${runs} runs`);
for (const [dist, rs] of all) {
  console.log(`${dist}  click to editable ${median(rs.map((r) => Number(r.editorMs)))} ms`);
  for (const [i, { name }] of rs[0].steps.entries()) {
    const pick = (k) => median(rs.map((r) => r.steps[i][k]));
    console.log(
      `  ${fmt({ name, performance: pick("performance"), accessibility: pick("accessibility"), tbt: pick("tbt"), cls: pick("cls"), failed: [] })}`,
    );
  }
}
