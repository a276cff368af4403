/**
 * The built site (dist/) for one browser test file: `useSite()` serves it
 * twice — with COOP/COEP, and as a plain static host that sends no headers
 * — and launches one Chromium, before the file's tests, and closes them
 * after. Each test file has its own, so vitest can run the files side by
 * side.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "@unravel/lesson-kit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { Lesson } from "../src/lib/lessons.ts";
import { launch, type OpenPage, openPage, poll } from "./browser.ts";
import { type StaticServer, serveStatic } from "./server.ts";

export const SITE = fileURLToPath(new URL("..", import.meta.url));
export const DIST = path.join(SITE, "dist");

/** A program that prints for ever (test/fixtures/endless), served beside the site. */
export const ENDLESS = "/__fixtures__/endless.js";
/** Two threads, two locks taken in opposite order: a deadlock in every run. */
export const DEADLOCK = "/__fixtures__/deadlock.js";
export const DEADLOCK_SOURCE = () =>
  readFileSync(path.join(SITE, "test", "fixtures", "deadlock", "src", "main.ts"), "utf8");

export interface Site {
  browser: Browser;
  /** Sends COOP/COEP, as the dev and preview servers do. */
  isolated: StaticServer;
  /** Sends no headers: the service worker must isolate the page. */
  plain: StaticServer;
  /** `url` in a fresh context (see browser.ts's openPage). */
  open(url: string, opts?: Omit<Parameters<typeof openPage>[2], "fileFor">): Promise<OpenPage>;
}

/**
 * Serves dist/ and launches Chromium for the calling test file. With
 * `fixtures`, the test programs (ENDLESS, DEADLOCK) are bundled and served
 * too. The fields are set once the file's `beforeAll` has run.
 */
export function useSite(opts: { fixtures?: boolean } = {}): Site {
  const site = {
    // Every server of the tests serves dist/ (a test's own too), the fixtures on the isolated one.
    open: (url, o) => openPage(site.browser, url, { ...o, fileFor: site.isolated.fileFor }),
  } as Site;
  beforeAll(async () => {
    if (!existsSync(path.join(DIST, "index.html")))
      throw new Error(
        "apps/site/dist is missing: build the site first (`pnpm turbo run build --filter @unravel/site`).",
      );
    const extra: Record<string, string> = {};
    if (opts.fixtures) {
      const endless = await bundle(path.join(SITE, "test", "fixtures", "endless"));
      const deadlock = await bundle(path.join(SITE, "test", "fixtures", "deadlock"));
      Object.assign(extra, {
        [ENDLESS]: endless,
        [DEADLOCK]: deadlock,
        [`${DEADLOCK}.map`]: `${deadlock}.map`,
      });
    }
    site.isolated = await serveStatic(DIST, { isolation: true, extra });
    site.plain = await serveStatic(DIST, { isolation: false, extra });
    site.browser = await launch();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.isolated?.close();
    await site.plain?.close();
  });
  return site;
}

/**
 * A lesson states what any run must show in `test/invariants.ts` (its
 * `checks`); the browser run is held to the same checks as the terminal
 * run, as the page judges them after the run (the list labelled "Checks").
 */
export async function checkInvariants(page: Page, lesson: Lesson): Promise<void> {
  const file = path.join(lesson.dir, "test", "invariants.ts");
  if (!existsSync(file)) return;
  const items = page.getByRole("list", { name: "Checks" }).getByRole("listitem");
  await poll(() => items.count()).toBeGreaterThan(0);
  const texts = await items.allInnerTexts();
  expect(
    texts.filter((t) => !t.startsWith("passed")),
    texts.join("\n"),
  ).toEqual([]);
}
