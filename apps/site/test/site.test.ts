/**
 * The built site (dist/) in Chromium: every lesson page shows its parts, is
 * cross-origin isolated, accessible and light, and its Run button works —
 * both behind a server that sends COOP/COEP and on a static host that does not.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "@unravel/lesson-kit";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Lesson,
  listLessons,
  readCapture,
  readProse,
  readPython,
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
/** Two threads, two locks taken in opposite order: a deadlock in every run. */
const DEADLOCK = "/__fixtures__/deadlock.js";
const DEADLOCK_SOURCE = () =>
  readFileSync(path.join(SITE, "test", "fixtures", "deadlock", "src", "main.ts"), "utf8");

beforeAll(async () => {
  if (!existsSync(path.join(DIST, "index.html"))) {
    throw new Error(
      "apps/site/dist is missing: build the site first (`pnpm turbo run build --filter @unravel/site`).",
    );
  }
  const endless = await bundle(path.join(SITE, "test", "fixtures", "endless"));
  const deadlock = await bundle(path.join(SITE, "test", "fixtures", "deadlock"));
  const extra = {
    [ENDLESS]: endless,
    [DEADLOCK]: deadlock,
    [`${DEADLOCK}.map`]: `${deadlock}.map`,
  };
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
 * A lesson states what any run must show in `test/invariants.ts` (its
 * `checks`); the browser run is held to the same checks as the terminal
 * run, as the page judges them after the run (the list labelled "Checks").
 */
async function checkInvariants(page: Page, lesson: Lesson) {
  const file = path.join(lesson.dir, "test", "invariants.ts");
  if (!existsSync(file)) return;
  const items = page.getByRole("list", { name: "Checks" }).getByRole("listitem");
  await expect.poll(() => items.count()).toBeGreaterThan(0);
  const texts = await items.allInnerTexts();
  expect(
    texts.filter((t) => !t.startsWith("passed")),
    texts.join("\n"),
  ).toEqual([]);
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
    // Its source map, beside it, and cached for offline: the deadlock report reads it.
    const map = JSON.parse(
      readFileSync(path.join(DIST, "runs", lesson.folder, "main.js.map"), "utf8"),
    ) as { sources: string[] };
    expect(map.sources).toContain("../../src/main.ts");
    expect(offline).toContain(`/runs/${lesson.folder}/main.js.map`);
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

      if (readPython(lesson) === undefined) {
        // No twin (front matter \`python: none — <why>\`): no tab, and the prose says so.
        expect(await page.getByRole("tab", { name: "Python", exact: true }).count()).toBe(0);
        expect(await page.locator("main").innerText()).toMatch(/no Python (version|twin)/i);
      } else {
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
      }

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
        await checkInvariants(page, lesson);
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

/** What each lesson's live demo must do, by slug: a demo without one here fails. */
const DEMOS: Record<string, (page: Page, status: Locator) => Promise<void>> = {
  async "why-threads"(page, status) {
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
  },
  async browser(page, status) {
    const done = () => expect.poll(() => status.innerText(), { timeout: 30_000 });
    // The page's own thread may not block: the browser refuses Atomics.wait there.
    await page.getByRole("button", { name: "Atomics.wait() on the page's thread" }).click();
    await done().toMatch(/^The browser refused: /);
    // It may await: the worker's store wakes the page, and the cell shows it.
    await page
      .getByRole("button", { name: /^await Atomics\.waitAsync\(\) while a worker works/ })
      .click();
    await done().toMatch(/^ok, after \d+ ms: the cell is 1\. Meanwhile the page kept drawing/);
  },
  async messages(page) {
    // The costs are drawn from the bench's record (messages.test.ts checks the figures).
    await expect
      .poll(() => page.locator('[data-part="demo"] .messages-costs svg').count())
      .toBeGreaterThan(0);
  },
};

describe.each(withDemo.map((l) => [l.folder, l] as [string, Lesson]))(
  "the live demo of lesson %s",
  (_folder, lesson) => {
    it("does what its lesson says, with no accessibility problem", async () => {
      const demo = DEMOS[lesson.slug];
      if (!demo)
        throw new Error(
          `${lesson.folder} has a <!-- demo -->: add what it must do to DEMOS in site.test.ts`,
        );
      const { context, page, errors } = await open(`${isolated.url}${lesson.href}`);
      await demo(page, page.locator('[data-part="demo"] [role="status"]').first());
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

  it("reports a deadlock of a bundle at its src/main.ts lines, read through its source map", async () => {
    const { context, page, errors } = await open(`${isolated.url}${first().href}`);
    await clickRun(page, { module: DEADLOCK });
    expect(await waitForRunEnd(page)).toBe("error");
    const line =
      DEADLOCK_SOURCE()
        .split("\n")
        .findIndex((l) => l.includes("second.acquire()")) + 1;
    const output = await page.locator(".run-terminal .terminal-lines").innerText();
    expect(output).toContain("deadlock: every thread is blocked");
    expect(output).toMatch(
      new RegExp(`left waits in acquire\\(\\) for Lock#\\d, held by right, at main\\.ts:${line} `),
    );
    expect(output).toMatch(
      new RegExp(`right waits in acquire\\(\\) for Lock#\\d, held by left, at main\\.ts:${line} `),
    );
    const waits = await page
      .getByRole("list", { name: "Who waits for what" })
      .getByRole("listitem")
      .allInnerTexts();
    expect(waits.filter((w) => w.endsWith(`at main.ts:${line}`)).length, waits.join("\n")).toBe(2);
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("explains why it cannot run where the page is not isolated", async () => {
    // Service workers blocked: the static-host fallback cannot work here.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${plain.url}${first().href}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await page.locator(".run-start").click();
    // Said once the playground has loaded (it is what knows why).
    await expect
      .poll(() => page.locator(".run-status").innerText())
      .toMatch(/cross-origin isolated page[\s\S]*reload/);
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
    await checkInvariants(page, lesson);
    // The editor, the compiler and core for edited code were cached too.
    await page.getByRole("button", { name: "Edit the code" }).click();
    const editor = page.getByRole("textbox", { name: "Code editor" });
    await expect.poll(() => editor.isEditable()).toBe(true);
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.insertText('\nprint("edited offline");\n');
    await page.getByRole("button", { name: "Run", exact: true }).click();
    expect(await waitForRunEnd(page)).toBe("finished");
    expect(await page.locator(".run-terminal .terminal-lines").innerText()).toContain(
      "edited offline",
    );
    await context.close();
  });
});

describe("the playground", () => {
  const lock = lessons.find((l) => l.folder === "07-lock")!;
  const sample = () => readSample(lock);
  const url = () => `${isolated.url}${lock.href}`;
  const editor = (page: Page) => page.getByRole("textbox", { name: "Code editor" });
  const checks = (page: Page) =>
    page.getByRole("list", { name: "Checks" }).getByRole("listitem").allInnerTexts();

  /** Replaces the editor's code as a learner would: select all, then type (paste) the new code. */
  async function setCode(page: Page, code: string) {
    await editor(page).click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(code);
    await expect.poll(() => editor(page).innerText()).toContain(code.split("\n").at(-2)!);
  }

  async function run(page: Page, name = "Run") {
    await page.getByRole("button", { name, exact: true }).click();
    return waitForRunEnd(page);
  }

  it("runs lesson 7 without the lock in addSafe and fails the exact count with its reason; Reset passes every check; many runs give the outcome table", async () => {
    const { context, page, errors, scripts } = await open(url());
    const before = (await scripts()).gzip;
    const clicked = Date.now();
    await page.getByRole("button", { name: "Edit the code" }).click();
    await expect.poll(() => editor(page).isEditable()).toBe(true);
    const toEditable = Date.now() - clicked;
    await expect
      .poll(() => editor(page).evaluate((el) => el === document.activeElement))
      .toBe(true);
    const edit = (await scripts()).gzip - before;
    console.log(
      `Edit loads ${(edit / 1024).toFixed(1)} KB gzip of JS; click to editable: ${toEditable} ms` +
        ` (the page's own count: ${await page.locator("unravel-run").getAttribute("data-editor-ms")} ms)`,
    );
    // The lesson's marked lines are marked in the editor too (CodeMirror draws
    // the lines in view: scroll through the editor and collect them).
    const lines = sample().split("\n");
    const marked = lock.highlight.flatMap((r) => {
      const [a, b = a] = String(r).split("-").map(Number);
      return Array.from({ length: b! - a! + 1 }, (_, k) => lines[a! + k - 1]);
    });
    const drawn = new Set<string>();
    const box = await page.locator(".run-editor").boundingBox();
    for (let y = box!.y - 200; y < box!.y + box!.height; y += 300) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(50); // CodeMirror draws on the next frame
      for (const t of await page.locator(".run-editor .cm-lesson-mark").allInnerTexts())
        drawn.add(t);
    }
    expect([...drawn].sort()).toEqual([...new Set(marked)].sort());

    const unlocked = sample().replace(
      "    using _held = lock.hold(); // Python: `with lock:`\n",
      "",
    );
    expect(unlocked).not.toBe(sample());
    await setCode(page, unlocked);
    expect(await run(page)).toBe("finished");
    const failed = await checks(page);
    const exact = failed.find((t) => t.includes("with the lock the count is exactly 4,000,000"));
    expect(exact, failed.join("\n")).toMatch(
      /^failed with the lock the count is exactly 4,000,000: the count is [\d,]+: [\d,]+ additions were lost$/,
    );

    await page.getByRole("button", { name: "Reset to the lesson's code" }).click();
    expect(await editor(page).innerText()).toContain("using _held = lock.hold();");
    expect(await run(page)).toBe("finished");
    const passed = await checks(page);
    expect(passed.length).toBe(3);
    expect(
      passed.filter((t) => !t.startsWith("passed")),
      passed.join("\n"),
    ).toEqual([]);

    await page.getByRole("spinbutton").fill("3");
    expect(await run(page, "Run many times")).toBe("finished");
    const table = page
      .getByRole("table")
      .filter({ has: page.locator("caption", { hasText: /^Outcomes of/ }) });
    expect(await table.locator("caption").innerText()).toBe(
      "Outcomes of 3 runs of the lesson's code",
    );
    const rows = await table.locator("tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^(no update lost|lost updates)\s+\d+\s+\d+%$/);
    const counts = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(3);
    expect((await checks(page)).every((t) => t.startsWith("passed in all 3 runs"))).toBe(true);
    await page.screenshot({ path: `${RESULTS}playground-desktop.png`, fullPage: true });
    expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("reports a syntax error and an error thrown in a thread at the learner's line", async () => {
    const { context, page } = await open(url());
    await page.getByRole("button", { name: "Edit the code" }).click();
    const broken = sample().split("\n");
    broken.splice(11, 0, "const oops: number = ;"); // line 12
    await setCode(page, broken.join("\n"));
    expect(await run(page)).toBe("error");
    const alert = page.getByRole("alert");
    expect(await alert.innerText()).toMatch(/^Syntax error at line 12, column 22: /);
    expect(await page.locator(".cm-error-line").innerText()).toContain("const oops");

    const throwing = [
      'import { main, print, Thread } from "@unravel/core";',
      "",
      "export function work(n: number): void {",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the learner's program
      "  print(`work ${n}`);",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the learner's program
      "  const limit: number = n;   throw new Error(`boom ${limit}`);",
      "}",
      "",
      "main(import.meta, () => {",
      "  const t = new Thread({ target: work, args: [1] });",
      "  t.start();",
      "  t.join();",
      "});",
      "",
    ].join("\n");
    await setCode(page, throwing);
    await run(page);
    await expect.poll(() => alert.isVisible()).toBe(true);
    // Line 5, column 36 (`new Error`) in the learner's text; in the compiled code the
    // stripped `: number` before it puts it at column 28.
    expect(await alert.innerText()).toBe(
      "Your code threw an error at line 5, column 36: Error: boom 1.",
    );
    const output = await page.locator(".run-terminal .terminal-lines").innerText();
    expect(output).toContain("main.ts:5:36");
    expect(output).not.toContain("blob:");
    await page.setViewportSize({ width: 390, height: 900 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, "the page scrolls sideways at phone width").toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${RESULTS}playground-phone.png`, fullPage: true });
    await context.close();
  });

  it("edited into a two-lock deadlock: the panel says Deadlock, the cycle, each wait at its main.ts line, and draws the wait-for graph", async () => {
    const { context, page, errors, scripts } = await open(url());
    await page.getByRole("button", { name: "Edit the code" }).click();
    const code = DEADLOCK_SOURCE();
    const line = code.split("\n").findIndex((l) => l.includes("second.acquire()")) + 1;
    await setCode(page, code);
    const before = Object.keys((await scripts()).files);
    expect(await run(page)).toBe("error");
    // The drawing's code came only with the deadlock.
    const loaded = Object.keys((await scripts()).files).filter((f) => !before.includes(f));
    expect(
      loaded.some((f) => /\/deadlock\.[\w-]+\.js$/.test(f)),
      loaded.join("\n"),
    ).toBe(true);
    expect(await page.locator(".run-status").innerText()).toMatch(/^Deadlock: /);

    const panel = page.getByRole("region", { name: "Deadlock" });
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.innerText()).toContain("Deadlock");
    const cycle = await panel.locator(".run-deadlock-cycle").innerText();
    const m =
      /^Cycle: (left|right) → (Lock#\d) held by (left|right) → (Lock#\d) held by (left|right)$/.exec(
        cycle,
      );
    expect(m, cycle).not.toBeNull();
    const [, t1, l1, t2, l2, t3] = m!;
    expect([t1, t2, t3]).toEqual(
      t1 === "left" ? ["left", "right", "left"] : ["right", "left", "right"],
    );
    expect(l1).not.toBe(l2);

    const waits = await panel
      .getByRole("list", { name: "Who waits for what" })
      .getByRole("listitem")
      .allInnerTexts();
    const join = code.split("\n").findIndex((l) => l.includes("left.join()")) + 1;
    // main's wait too: at the learner's line, not in core's module beside it.
    expect(waits).toContain(`MainThread waits in join() for the end of left, at main.ts:${join}`);
    expect(waits).toContain(
      `left waits in acquire() for ${t1 === "left" ? l1 : l2}, held by right, at main.ts:${line}`,
    );
    expect(waits).toContain(
      `right waits in acquire() for ${t1 === "left" ? l2 : l1}, held by left, at main.ts:${line}`,
    );
    // The terminal's report names the learner's file too, not the blob the page ran.
    const output = await page.locator(".run-terminal .terminal-lines").innerText();
    expect(output).toContain(`at main.ts:${line} `);
    expect(output).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]+:\d/);

    // The drawing: threads and locks as nodes, both kinds of edge, and its text equivalent.
    const svg = panel.getByRole("img");
    expect(await svg.count()).toBe(1);
    const title = await svg.locator("title").textContent();
    expect(title).toContain(`left waits for ${t1 === "left" ? l1 : l2}, held by right`);
    expect(title).toContain(`right waits for ${t1 === "left" ? l2 : l1}, held by left`);
    const nodes = await svg.locator(".dl-node.dl-cycle text").allTextContents();
    expect(nodes.sort()).toEqual([l1, l2, "left", "right"].sort());
    const edges = await svg.locator(".dl-edge.dl-cycle .dl-edge-label").allTextContents();
    expect(edges.sort()).toEqual(["held by", "held by", "waits for", "waits for"]);
    expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);

    for (const [name, width] of [
      ["desktop", 1280],
      ["phone", 390],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await panel.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      // The drawing stays inside the panel, and its nodes inside the drawing.
      const box = (await panel.boundingBox())!;
      const drawn = (await svg.boundingBox())!;
      expect(drawn.x).toBeGreaterThanOrEqual(box.x);
      expect(drawn.x + drawn.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
      for (const rect of await svg.locator(".dl-node rect").all()) {
        const r = (await rect.boundingBox())!;
        expect(r.x).toBeGreaterThanOrEqual(drawn.x - 0.5);
        expect(r.x + r.width).toBeLessThanOrEqual(drawn.x + drawn.width + 0.5);
      }
      await panel.screenshot({ path: `${RESULTS}deadlock-${name}.png` });
    }
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("keeps the edit over a reload, and a Share link carries it to a fresh browser", async () => {
    const { context, page } = await open(url());
    await page.getByRole("button", { name: "Edit the code" }).click();
    const mine = sample().replace("const THREADS = 4;", "const THREADS = 3; // mine");
    await setCode(page, mine);
    await page.reload({ waitUntil: "load" });
    // The kept edit opens in the editor as the sample comes into view.
    await page.locator(".lesson-sample").scrollIntoViewIfNeeded();
    await expect.poll(() => editor(page).innerText()).toContain("const THREADS = 3; // mine");
    expect(await page.getByRole("button", { name: "Edit the code" }).isHidden()).toBe(true);

    await page.getByRole("button", { name: "Share" }).click();
    const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
    expect(link).toMatch(/#code=[\w-]+$/);
    await context.close();

    const fresh = await open(link);
    await fresh.page.locator(".lesson-sample").scrollIntoViewIfNeeded();
    await expect.poll(() => editor(fresh.page).innerText()).toContain("const THREADS = 3; // mine");
    expect(await run(fresh.page)).toBe("finished");
    // The shared code is now kept like an edit of one's own, and the link's fragment is gone.
    expect(new URL(fresh.page.url()).hash).toBe("");
    const text = await fresh.page.locator(".run-terminal .terminal-lines").innerText();
    expect(text).toContain("of 3000000");
    await fresh.context.close();
  });
});
