/**
 * Serves and ships what the Run button needs beside the pages: each lesson's
 * browser bundle, copied from `packages/lessons/NN-slug/capture/browser/main.js`
 * to `/runs/NN-slug/main.js` with its source map `main.js.map`; `/runs/core.js`, `@unravel/core` alone, which a
 * sample edited in the page imports (the playground compiles it there); and
 * `/offline.json`, the files the service worker (`public/unravel-sw.js`)
 * caches so that a loaded page runs offline, editor included.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCore } from "@unravel/lesson-kit";
import type { AstroIntegration } from "astro";
import { browserBundlePath, CAPTURE_COMMAND, listLessons } from "../lib/lessons.ts";

/** Every file under `dir` (relative to `out`) whose name ends in one of `endings`, as site URLs. */
function urlsUnder(out: string, dir: string, endings: string[]): string[] {
  const root = path.join(out, dir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && endings.some((e) => entry.name.endsWith(e)))
    .map(
      (entry) =>
        `/${path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`,
    )
    .sort();
}

/**
 * Core's browser entry: the "browser" condition of its exports. (Node's own
 * resolution picks the "node" one, a loader for Node's bundle, which is no
 * use in a page.)
 */
const CORE_ENTRY = (() => {
  const manifest = new URL("package.json", import.meta.resolve("@unravel/core"));
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as {
    exports: { ".": { browser: string } };
  };
  return fileURLToPath(new URL(exports["."].browser, manifest));
})();

function bundleFor(folder: string): string | undefined {
  const lesson = listLessons().find((l) => l.folder === folder);
  return lesson && browserBundlePath(lesson);
}

export function unravelSite(): AstroIntegration {
  return {
    name: "unravel-site",
    hooks: {
      "astro:server:setup"({ server }) {
        server.middlewares.use(async (req, res, next) => {
          const url = new URL(req.url ?? "/", "http://x");
          let file: string | undefined;
          if (url.pathname === "/runs/core.js") {
            // Built on each request in dev, so that core's edits show at once.
            file = await bundleCore(
              CORE_ENTRY,
              path.join(
                fileURLToPath(new URL("../../node_modules/.cache/", import.meta.url)),
                "core.js",
              ),
            );
          }
          const run = /^\/runs\/([^/]+)\/main\.js(\.map)?$/.exec(url.pathname);
          if (run && !file) file = `${bundleFor(run[1]!)}${run[2] ?? ""}`;
          if (!file) return next();
          if (!existsSync(file)) {
            res.statusCode = 404;
            res.end(`Not captured yet: run \`${CAPTURE_COMMAND}\`.`);
            return;
          }
          res.setHeader(
            "Content-Type",
            file.endsWith(".map") ? "application/json" : "text/javascript; charset=utf-8",
          );
          // Served before Vite's own headers apply: the workers need the same isolation.
          res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
          res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
          res.setHeader("Cache-Control", "no-cache");
          res.end(readFileSync(file));
        });
      },
      async "astro:build:done"({ dir }) {
        const out = fileURLToPath(dir);
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
          // Its source map, which the deadlock report reads to name src/main.ts lines.
          if (!existsSync(`${from}.map`)) {
            throw new Error(
              `Lesson ${lesson.folder}'s browser bundle has no source map (${from}.map).\n` +
                `Run \`${CAPTURE_COMMAND}\` from the repo root, then build the site again.`,
            );
          }
          copyFileSync(`${from}.map`, `${to}.map`);
        }
        await bundleCore(CORE_ENTRY, path.join(out, "runs", "core.js"));
        // What a loaded page needs to run offline: the scripts and styles
        // (the runner and the editor among them, loaded only on Run and on
        // Edit), the lesson bundles and core for edited programs.
        const offline = [
          ...urlsUnder(out, "_astro", [".js", ".css"]),
          ...urlsUnder(out, "runs", [".js", ".js.map"]),
        ];
        writeFileSync(path.join(out, "offline.json"), `${JSON.stringify(offline, null, 1)}\n`);
      },
    },
  };
}
