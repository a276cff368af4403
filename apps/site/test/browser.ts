/** Chromium from the system, driven by playwright-core, and page helpers for the tests. */
import { existsSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";

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

/** Console errors and uncaught exceptions of a page, collected as they happen. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** JavaScript a page loads, counted as gzip bytes: every script response plus inline scripts. */
export function measureScripts(
  page: Page,
): () => Promise<{ gzip: number; files: Record<string, number> }> {
  const bodies: Promise<[string, number]>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    bodies.push(
      res.body().then(
        (b) => [res.url(), gzipSync(b, { level: 9 }).length] as [string, number],
        () => [res.url(), 0],
      ),
    );
  });
  return async () => {
    const files: Record<string, number> = Object.fromEntries(await Promise.all(bodies));
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
