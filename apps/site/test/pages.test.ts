/**
 * The built site (dist/) in Chromium, page by page: it ships what isolation
 * and offline need; the home page; every lesson page shows its parts, is
 * cross-origin isolated, accessible, light (JS before Run) and fits a
 * phone. Running the lessons is runs.test.ts; the Run button itself,
 * run-button.test.ts; editing, playground.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Lesson,
  listLessons,
  readCapture,
  readPython,
  readSample,
} from "../src/lib/lessons.ts";
import { axeProblems, poll, screenshot } from "./browser.ts";
import { DIST, useSite } from "./built-site.ts";

const JS_BUDGET_GZIP = 30 * 1024;
const lessons = listLessons();
const site = useSite();

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
    const { context, page, errors } = await site.open(`${site.isolated.url}/`);
    const main = page.locator("main");
    await poll(() => main.innerText()).toContain("npm i -g pnpm@12.4.2 && pnpm start");
    const hrefs = await page
      .locator(".lesson-list a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(lessons.map((l) => l.href));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
    await screenshot(page, "home-desktop");
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });

  it("finds lessons with search (Pagefind, loaded when search opens)", async () => {
    const { context, page, errors } = await site.open(`${site.isolated.url}/`);
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
    const { context, page } = await site.open(`${site.isolated.url}/`);
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
    const url = () => `${site.isolated.url}${lesson.href}`;

    it("shows the sample, the captured output, the timeline and the Python tab", async () => {
      const { context, page, errors, scripts, foreign } = await site.open(url());
      const sampleFirstLine = readSample(lesson)
        .split("\n")
        .find((l) => l.trim())!;
      const code = await page.locator('[data-part="sample"] pre').first().innerText();
      expect(code).toContain(sampleFirstLine.trim());

      const output = await page.locator('[data-part="output"] .terminal-lines').innerText();
      for (const line of capture.typescript.lines.slice(0, 20)) expect(output).toContain(line.text);
      expect(output.trim()).not.toBe("");
      await poll(() => page.locator('[data-part="output"]').innerText()).toMatch(/one real run/i);

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
        await poll(() => pythonTab.count()).toBe(1);
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
        // Expressive Code takes a hidden code block's tabindex away, and gives it back once
        // shown if it scrolls sideways: 250 ms after a resize, when the page is idle. Axe
        // would see the block without it: wait.
        const python = page.locator('[data-part="python"] pre[data-language="python"]');
        await poll(() =>
          python.evaluate((e) => e.scrollWidth <= e.clientWidth || e.tabIndex === 0),
        ).toBe(true);
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
      await screenshot(page, `${lesson.folder}-desktop-dark`);
      expect(errors, "console errors").toEqual([]);
      expect(foreign, "requests to another origin").toEqual([]);
      await context.close();
    });

    it("fits a phone's width, light and dark", async () => {
      const { context, page, errors } = await site.open(url(), { width: 390, dark: false });
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow(), "the page scrolls sideways").toBeLessThanOrEqual(0);
      expect(await axeProblems(page), "axe-core: serious or critical").toEqual([]);
      await screenshot(page, `${lesson.folder}-phone-light`);
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await overflow(), "dark: the page scrolls sideways").toBeLessThanOrEqual(0);
      await screenshot(page, `${lesson.folder}-phone-dark`);
      expect(errors, "console errors").toEqual([]);
      await context.close();
    });
  },
);
