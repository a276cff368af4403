/**
 * The built site (dist/) in Chromium: every lesson page shows its parts, is
 * cross-origin isolated, accessible and light, and its Run button works —
 * both behind a server that sends COOP/COEP and on a static host that does not.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "@unravel/lesson-kit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Lesson,
  listLessons,
  readCapture,
  readProse,
  readSample,
} from "../src/lib/lessons.ts";
import {
  axeProblems,
  clickRun,
  launch,
  measureScripts,
  RESULTS,
  waitForRunEnd,
  watchErrors,
} from "./browser.ts";
import { type StaticServer, serveStatic } from "./server.ts";

const SITE = fileURLToPath(new URL("..", import.meta.url));
const DIST = path.join(SITE, "dist");
const JS_BUDGET_GZIP = 30 * 1024;
const lessons = listLessons();

let browser: Browser;
let isolated: StaticServer;
let plain: StaticServer;
const ENDLESS = "/__fixtures__/endless.js";

beforeAll(async () => {
  if (!existsSync(path.join(DIST, "index.html"))) {
    throw new Error(
      "apps/site/dist is missing: build the site first (`pnpm turbo run build --filter @unravel/site`).",
    );
  }
  const endless = await bundle(path.join(SITE, "test", "fixtures", "endless"));
  const extra = { [ENDLESS]: endless };
  isolated = await serveStatic(DIST, { isolation: true, extra });
  plain = await serveStatic(DIST, { isolation: false, extra });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await isolated?.close();
  await plain?.close();
});

async function open(url: string, opts: { width?: number; dark?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
    colorScheme: opts.dark === false ? "light" : "dark",
  });
  // Generous: the suite shares a 2-core machine with the other packages' tests.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const scripts = measureScripts(page);
  const foreign: string[] = [];
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (/^https?:$/.test(u.protocol) && u.origin !== new URL(url).origin) foreign.push(req.url());
  });
  await page.goto(url, { waitUntil: "load" });
  return { context, page, errors, scripts, foreign };
}

/**
 * A lesson may state what any run's output must show in `test/invariants.ts`
 * (`export function checkOutput(lines: string[]): void`, throwing if not met);
 * the browser run is held to the same invariants as the terminal run.
 */
async function checkInvariants(lesson: Lesson, lines: string[]) {
  const file = path.join(lesson.dir, "test", "invariants.ts");
  if (!existsSync(file)) return;
  const mod = (await import(file)) as { checkOutput?: (lines: string[]) => void };
  if (typeof mod.checkOutput !== "function") {
    throw new Error(`${file} must export checkOutput(lines: string[])`);
  }
  mod.checkOutput(lines.map((l) => l.replace(/\n$/, "")));
}

async function isolatedAfterReload(page: Page) {
  // The service worker registers, then the page reloads once: the wait may see the old page go.
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForFunction(() => self.crossOriginIsolated, undefined, { timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt >= 2 || !/context was destroyed|navigat/i.test(String(error))) throw error;
    }
  }
  await page.waitForLoadState("load");
}

it("has at least one lesson to show", () => {
  expect(lessons.length, "no lesson folders under packages/lessons/").toBeGreaterThan(0);
});

it("ships the isolation fallbacks and every lesson's browser bundle", () => {
  const headers = readFileSync(path.join(DIST, "_headers"), "utf8");
  expect(headers).toContain("Cross-Origin-Opener-Policy: same-origin");
  expect(headers).toContain("Cross-Origin-Embedder-Policy: require-corp");
  expect(readFileSync(path.join(DIST, "unravel-sw.js"), "utf8")).toContain(
    "Cross-Origin-Embedder-Policy",
  );
  const offline = JSON.parse(readFileSync(path.join(DIST, "offline.json"), "utf8")) as string[];
  for (const lesson of lessons) expect(offline).toContain(`/runs/${lesson.folder}/main.js`);
  for (const lesson of lessons) {
    expect(existsSync(path.join(DIST, "runs", lesson.folder, "main.js")), lesson.folder).toBe(true);
  }
});

describe("home page", () => {
  it("says what the course is, how to run it, and lists every lesson in order", async () => {
    const { context, page, errors } = await open(`${isolated.url}/`);
    const main = page.locator("main");
    await expect.poll(() => main.innerText()).toContain("npm i -g pnpm@12.4.2 && pnpm start");
    const hrefs = await page
      .locator(".lesson-list a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(lessons.map((l) => l.href));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
    await page.screenshot({ path: `${RESULTS}home-desktop.png`, fullPage: true });
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("finds lessons with search (Pagefind, loaded when search opens)", async () => {
    const { context, page, errors } = await open(`${isolated.url}/`);
    await page.locator("button[data-open-modal]").click();
    const input = page.locator("#starlight__search input");
    await input.waitFor();
    await input.fill(lessons[0]!.title.split(" ")[0]!);
    await page.locator(".pagefind-ui__result").first().waitFor({ timeout: 15_000 });
    expect(await page.locator(".pagefind-ui__result a").first().getAttribute("href")).toMatch(
      /^\//,
    );
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("links to the API reference of @unravel/core", async () => {
    const { context, page } = await open(`${isolated.url}/`);
    const api = await page.locator('a[href^="/api/"]').first().getAttribute("href");
    expect(api).toBeTruthy();
    expect(existsSync(path.join(DIST, api!, "index.html"))).toBe(true);
    await context.close();
  });
});

describe.each(lessons.map((l) => [l.folder, l] as [string, Lesson]))(
  "lesson %s",
  (_folder, lesson) => {
    const capture = readCapture(lesson);
    const url = () => `${isolated.url}${lesson.href}`;

    it("shows the sample, the captured output, the timeline and the Python tab", async () => {
      const { context, page, errors, scripts, foreign } = await open(url());
      const sampleFirstLine = readSample(lesson)
        .split("\n")
        .find((l) => l.trim())!;
      const code = await page.locator('[data-part="sample"] pre').first().innerText();
      expect(code).toContain(sampleFirstLine.trim());

      const output = await page.locator('[data-part="output"] .terminal-lines').innerText();
      for (const line of capture.typescript.lines.slice(0, 20)) expect(output).toContain(line.text);
      expect(output.trim()).not.toBe("");
      await expect
        .poll(() => page.locator('[data-part="output"]').innerText())
        .toMatch(/one real run/i);

      if ((capture.typescript.trace?.events.length ?? 0) > 0) {
        const lanes = await page.locator('[data-part="timeline"] svg .tl-lane').count();
        expect(lanes).toBeGreaterThan(0);
        expect(await page.locator('[data-part="timeline"] details table tbody tr').count()).toBe(
          lanes,
        );
      } else {
        throw new Error(
          `${lesson.folder}: capture/run.json has no trace events; re-capture with \`pnpm turbo run capture\`.`,
        );
      }

      const pythonTab = page.getByRole("tab", { name: "Python", exact: true });
      await expect.poll(() => pythonTab.count()).toBe(1);
      await pythonTab.click();
      expect(
        await page
          .locator('[data-part="python"] [role="tabpanel"]:not([hidden]) pre')
          .first()
          .innerText(),
      ).toContain(
        readFileSync(path.join(lesson.dir, "python", "main.py"), "utf8")
          .split("\n")
          .find((l) => l.trim())!
          .trim(),
      );
      const pyOut = page.getByRole("tab", { name: "Python output" });
      await pyOut.click();
      if (capture.python) {
        const text = await page
          .locator('[data-part="python"] [role="tabpanel"]:not([hidden]) .terminal-lines')
          .innerText();
        for (const line of capture.python.lines.slice(0, 20)) expect(text).toContain(line.text);
      }
      await page.getByRole("tab", { name: "Python", exact: true }).click();

      expect(await page.locator('a[rel="next"], a[rel="prev"]').count()).toBeGreaterThan(0);
      expect(await page.locator("main").innerText()).toContain(`pnpm lesson ${lesson.number}`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

      const weight = await scripts();
      console.log(
        `${lesson.folder}: ${(weight.gzip / 1024).toFixed(1)} KB gzip JS before Run`,
        weight.files,
      );
      expect(weight.gzip, JSON.stringify(weight.files, null, 1)).toBeLessThanOrEqual(
        JS_BUDGET_GZIP,
      );

      expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
      expect(errors, "console errors").toEqual([]);
      expect(foreign, "requests to another origin").toEqual([]);
      await context.close();
    });

    it("looks right at desktop and phone widths, dark and light", async () => {
      for (const [name, width, dark] of [
        ["desktop-dark", 1280, true],
        ["phone-light", 390, false],
        ["phone-dark", 390, true],
      ] as const) {
        const { context, page, errors } = await open(url(), { width, dark });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${RESULTS}${lesson.folder}-${name}.png`, fullPage: true });
        if (name === "phone-light")
          expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
        expect(errors, "console errors").toEqual([]);
        await context.close();
      }
    });

    it("runs the sample in the browser, twice, and the run finishes with output", async () => {
      const { context, page, errors } = await open(url());
      for (const attempt of [1, 2]) {
        await clickRun(page);
        const state = await waitForRunEnd(page);
        const status = await page.locator(".run-status").innerText();
        expect(state, status).toBe("finished");
        const lines = await page.locator(".run-terminal .terminal-lines .line").allInnerTexts();
        expect(lines.length, `attempt ${attempt}`).toBeGreaterThan(0);
        await checkInvariants(lesson, lines);
        expect(await page.locator(".run-timeline svg .tl-lane").count()).toBeGreaterThan(0);
      }
      await page.screenshot({ path: `${RESULTS}${lesson.folder}-after-run.png`, fullPage: true });
      expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
      expect(errors, "console errors").toEqual([]);
      await context.close();
    });
  },
);

/** Lessons whose prose places a live demo (`<!-- demo -->`). */
const withDemo = lessons.filter((l) => /^<!--\s*demo\s*-->$/m.test(readProse(l)));

describe.each(withDemo.map((l) => [l.folder, l] as [string, Lesson]))(
  "the live demo of lesson %s",
  (_folder, lesson) => {
    it("freezes the page's animation for work on its thread, and runs the same work in a worker", async () => {
      const { context, page, errors } = await open(`${isolated.url}${lesson.href}`);
      const status = page.locator('[data-part="demo"] [role="status"]');
      const done = () => expect.poll(() => status.innerText(), { timeout: 30_000 });
      // The busy loop on the page's thread stops every frame for its
      // whole length: the gap it reports is at least the work's 600 ms.
      await page.getByRole("button", { name: "Run the work on the page's thread" }).click();
      await done().toMatch(/^Done\./);
      const gap = Number(/nothing was drawn for (\d+) ms/.exec(await status.innerText())?.[1]);
      expect(gap).toBeGreaterThanOrEqual(600);
      // In a worker the page keeps drawing; how smoothly is timing, so
      // only that it ran there is checked.
      await page.getByRole("button", { name: "Run the work in a thread (a Web Worker)" }).click();
      await done().toMatch(/^Done\. The work ran in another thread/);
      expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
      expect(errors, "console errors").toEqual([]);
      await context.close();
    });
  },
);

describe("the Run button", () => {
  const first = () => lessons[0]!;

  it("Stop ends a run that would go on forever", async () => {
    const { context, page, errors } = await open(`${isolated.url}${first().href}`);
    await clickRun(page, { module: ENDLESS });
    const run = page.locator("unravel-run").first();
    await page.waitForFunction(() => document.querySelectorAll(".run-terminal .line").length >= 2);
    await run.locator(".run-stop").click();
    expect(await waitForRunEnd(page)).toBe("stopped");
    const count = await page.locator(".run-terminal .line").count();
    await page.waitForTimeout(300); // nothing more arrives once stopped
    expect(await page.locator(".run-terminal .line").count()).toBe(count);
    expect(await run.locator(".run-stop").isHidden()).toBe(true);
    await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("leaving the page stops the run", async () => {
    const { context, page } = await open(`${isolated.url}${first().href}`);
    await clickRun(page, { module: ENDLESS });
    await page.waitForFunction(() => document.querySelectorAll(".run-terminal .line").length >= 1);
    expect(page.workers().length).toBeGreaterThan(0);
    await page.evaluate(() =>
      dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })),
    );
    expect(await waitForRunEnd(page)).toBe("stopped");
    await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
    await context.close();
  });

  it("stops a run at the time limit and says so", async () => {
    const { context, page } = await open(`${isolated.url}${first().href}`);
    await clickRun(page, { module: ENDLESS, timeoutMs: 1500 });
    expect(await waitForRunEnd(page)).toBe("timeout");
    expect(await page.locator(".run-status").innerText()).toMatch(/time limit/);
    await context.close();
  });

  it("explains why it cannot run where the page is not isolated", async () => {
    // Service workers blocked: the static-host fallback cannot work here.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${plain.url}${first().href}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await page.locator(".run-start").click();
    expect(await page.locator(".run-status").innerText()).toMatch(
      /cross-origin isolated page[\s\S]*reload/,
    );
    expect(await page.locator(".run-result").isHidden()).toBe(true);
    await context.close();
  });
});

describe("on a static host that sends no COOP/COEP headers", () => {
  it("the service worker isolates the page and Run still works", async () => {
    const { context, page } = await open(`${plain.url}${lessons[0]!.href}`);
    await isolatedAfterReload(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await clickRun(page);
    expect(await waitForRunEnd(page)).toBe("finished");
    expect(await page.locator(".run-terminal .line").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("offline", () => {
  it("runs a lesson once the page has loaded, with the server gone", async () => {
    // A server of its own, to stop mid-test: the page must keep working without it.
    const own = await serveStatic(DIST, { isolation: true, extra: {} });
    const lesson = lessons[0]!;
    const { context, page } = await open(`${own.url}${lesson.href}`);
    // The service worker takes control once it has cached the site's scripts and bundles.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await own.close();
    await clickRun(page);
    expect(await waitForRunEnd(page)).toBe("finished");
    const lines = await page.locator(".run-terminal .terminal-lines .line").allInnerTexts();
    await checkInvariants(lesson, lines);
    await context.close();
  });
});
