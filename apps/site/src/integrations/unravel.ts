/**
 * Serves and ships the two kinds of file the Run button needs beside the
 * pages: the coi-serviceworker script (cross-origin isolation on static hosts
 * that cannot send headers) and each lesson's browser bundle, copied from
 * `packages/lessons/NN-slug/capture/browser/main.js` to `/runs/NN-slug/main.js`.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { browserBundlePath, CAPTURE_COMMAND, listLessons } from "../lib/lessons.ts";

export const COI_SCRIPT = "/coi-serviceworker.js";

function coiSource(): string {
  const require = createRequire(import.meta.url);
  return require.resolve("coi-serviceworker/coi-serviceworker.min.js");
}

function bundleFor(folder: string): string | undefined {
  const lesson = listLessons().find((l) => l.folder === folder);
  return lesson && browserBundlePath(lesson);
}

export function unravelSite(): AstroIntegration {
  return {
    name: "unravel-site",
    hooks: {
      "astro:server:setup"({ server }) {
        server.middlewares.use((req, res, next) => {
          const url = new URL(req.url ?? "/", "http://x");
          let file: string | undefined;
          if (url.pathname === COI_SCRIPT) file = coiSource();
          const run = /^\/runs\/([^/]+)\/main\.js$/.exec(url.pathname);
          if (run) file = bundleFor(run[1]!);
          if (!file) return next();
          if (!existsSync(file)) {
            res.statusCode = 404;
            res.end(`Not captured yet: run \`${CAPTURE_COMMAND}\`.`);
            return;
          }
          res.setHeader("Content-Type", "text/javascript; charset=utf-8");
          // Served before Vite's own headers apply: the workers need the same isolation.
          res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
          res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
          res.setHeader("Cache-Control", "no-cache");
          res.end(readFileSync(file));
        });
      },
      "astro:build:done"({ dir }) {
        const out = fileURLToPath(dir);
        copyFileSync(coiSource(), path.join(out, COI_SCRIPT));
        for (const lesson of listLessons()) {
          const from = browserBundlePath(lesson);
          if (!existsSync(from)) {
            throw new Error(
              `Lesson ${lesson.folder} has no browser bundle (${from} is missing).\n` +
                `Run \`${CAPTURE_COMMAND}\` from the repo root, then build the site again.`,
            );
          }
          const to = path.join(out, "runs", lesson.folder, "main.js");
          mkdirSync(path.dirname(to), { recursive: true });
          copyFileSync(from, to);
        }
      },
    },
  };
}
