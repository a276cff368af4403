/** Chromium from the system, driven by playwright-core, and page helpers for the tests. */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const RESULTS = new URL("../test-results/", import.meta.url).pathname;

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (as root), ` +
        "or point CHROMIUM_PATH at a Chromium binary.",
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Screenshots are for a person to look at, so a CI run on a fresh clone,
 * which nobody looks at, skips them (they were a fifth of the site tests'
 * time); `UNRAVEL_SCREENSHOTS=1` takes them there too. Every assertion
 * beside a screenshot still runs.
 */
export const SCREENSHOTS = !process.env.CI || process.env.UNRAVEL_SCREENSHOTS === "1";

/** Saves a screenshot of `page` to test-results/`name`.png, unless screenshots are off. */
export async function screenshot(
  page: Page,
  name: string,
  options: Parameters<Page["screenshot"]>[0] = { fullPage: true },
): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ ...options, path: `${RESULTS}${name}.png` });
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, as they happen. */
  errors: string[];
  /** The gzip bytes of JavaScript the page has loaded so far. */
  scripts: ReturnType<typeof measureScripts>;
  /** Requests to another origin than the page's. */
  foreign: string[];
}

/**
 * A fresh context (no storage shared with another test) and `url` loaded in
 * it, dark unless `dark: false`. With `isolated`, it also waits until the
 * page is cross-origin isolated (the service worker may reload it once).
 */
export async function openPage(
  browser: Browser,
  url: string,
  opts: {
    width?: number;
    dark?: boolean;
    isolated?: boolean;
    /** Which file the server sends for a path (see server.ts): `scripts` reads it. */
    fileFor: (pathname: string) => string | null;
  },
): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: 900 },
    colorScheme: opts.dark === false ? "light" : "dark",
  });
  // Generous: the suite shares a 2-core machine with the other packages' tests.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const scripts = measureScripts(page, opts.fileFor);
  const foreign: string[] = [];
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (/^https?:$/.test(u.protocol) && u.origin !== new URL(url).origin) foreign.push(req.url());
  });
  await page.goto(url, { waitUntil: "load" });
  if (opts.isolated)
    await page.waitForFunction(() => self.crossOriginIsolated, undefined, { timeout: 30_000 });
  return { context, page, errors, scripts, foreign };
}

/** `expect.poll` with room for a busy 2-core machine: the editor, a replay and a worker start can take seconds. */
export const poll = <T>(fn: () => T | Promise<T>, timeout = 30_000) =>
  expect.poll(fn, { timeout, interval: 50 });

/** The playground's editor. */
export const codeEditor = (page: Page) => page.getByRole("textbox", { name: "Code editor" });

/**
 * Replaces the editor's code as a learner would: select all, then paste.
 * Waits until the editor shows `code`: its last non-empty line, and no line
 * of what it held before that `code` does not have.
 */
export async function setCode(page: Page, code: string): Promise<void> {
  const editor = codeEditor(page);
  const before = await editor.innerText();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(code);
  const last = code
    .split("\n")
    .filter((l) => l.trim() !== "")
    .at(-1)!;
  const gone = before
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.length > 8 && !code.includes(l));
  await poll(() => editor.innerText()).toContain(last.trim());
  if (gone) await poll(() => editor.innerText()).not.toContain(gone);
}

/** Console errors and uncaught exceptions of a page, collected as they happen. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** A built file's gzip size, once per file: every page loads the same chunks, and dist/ does not change under the tests. */
const gzipSizes = new Map<string, number>();
function gzipSize(file: string): number {
  const known = gzipSizes.get(file);
  if (known !== undefined) return known;
  const size = gzipSync(readFileSync(file), { level: 9 }).length;
  gzipSizes.set(file, size);
  return size;
}

/**
 * JavaScript a page loads, counted as gzip bytes: every script it fetched
 * from the test server (the file the server sent, read from disk) plus its
 * inline scripts. Not the protocol's response bodies: Playwright's
 * `response.body()` waits, without a timeout, for the request to finish, and
 * a request of a worker that is ended mid-load never finishes.
 */
export function measureScripts(
  page: Page,
  fileFor: (pathname: string) => string | null,
): () => Promise<{ gzip: number; files: Record<string, number> }> {
  const urls = new Set<string>();
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") urls.add(res.url());
  });
  return async () => {
    const files: Record<string, number> = {};
    for (const url of urls) {
      const file = fileFor(new URL(url).pathname);
      if (file && existsSync(file)) files[url] = gzipSize(file);
    }
    const inline = await page.$$eval("script:not([src])", (els) =>
      (els as HTMLScriptElement[])
        .filter((s) => !s.type || s.type === "module" || s.type.includes("javascript"))
        .map((s) => s.textContent ?? ""),
    );
    files.inline = gzipSync(Buffer.from(inline.join("\n")), { level: 9 }).length;
    return { gzip: Object.values(files).reduce((a, b) => a + b, 0), files };
  };
}

/** Serious and critical accessibility violations, as readable lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}

/** Clicks Run in the first Run element of the page and waits until the run ends. */
export async function clickRun(page: Page, opts: { module?: string; timeoutMs?: number } = {}) {
  const run = page.locator("unravel-run").first();
  if (opts.module) await run.evaluate((el, m) => el.setAttribute("data-module", m), opts.module);
  if (opts.timeoutMs)
    await run.evaluate((el, t) => el.setAttribute("data-timeout", String(t)), opts.timeoutMs);
  await run.locator(".run-start").click();
  return run;
}

export async function waitForRunEnd(page: Page, timeout = 90_000): Promise<string> {
  const run = page.locator("unravel-run").first();
  await page.waitForFunction(
    () => {
      const s = document.querySelector("unravel-run")?.getAttribute("data-state");
      return s && s !== "running";
    },
    undefined,
    { timeout },
  );
  return (await run.getAttribute("data-state")) ?? "";
}
