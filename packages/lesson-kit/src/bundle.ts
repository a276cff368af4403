/**
 * `unravel-lesson bundle`: builds the lesson's sample for the browser. The
 * Run button's workers import this module to find a thread's target, so it
 * must be self-contained (core inlined) and hold no page code.
 */
import { join } from "node:path";
import { build } from "esbuild";

/** Where `bundle` writes, relative to the lesson folder. */
export const BROWSER_FILE = "capture/browser/main.js";

/** Bundles `src/main.ts` of the lesson in `dir` to `capture/browser/main.js` (and its `.map`). */
export async function bundle(dir: string): Promise<string> {
  const outfile = join(dir, BROWSER_FILE);
  await build({
    absWorkingDir: dir,
    entryPoints: [join(dir, "src/main.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    // ES2024 has no `using`, so esbuild lowers it for older browsers.
    target: "es2024",
    // Half the bytes a click on Run downloads; names kept, since a thread's
    // default name and an error's class name come from them.
    minify: true,
    keepNames: true,
    // main.js.map beside it: the deadlock report in the page maps its lines
    // to src/main.ts with it (core's diagnose/sourcemap.ts, which needs no
    // sources' text: the map stays small for the offline cache).
    sourcemap: true,
    sourcesContent: false,
    logLevel: "silent", // the thrown error carries the messages,
  });
  return outfile;
}

/**
 * Builds `@unravel/core` alone, as one ES module, for programs compiled in
 * the page (the playground): an edited sample imports it by URL, and every
 * worker of its run imports the same file, as a lesson bundle inlines it.
 */
/** `entry` is core's `src/index.ts` (the caller resolves it: lesson-kit does not depend on core). */
export async function bundleCore(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2024",
    minify: true,
    keepNames: true,
    logLevel: "silent",
  });
  return outfile;
}
