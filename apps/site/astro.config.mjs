// @ts-check
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";
import starlightTypeDoc, { typeDocSidebarGroup } from "starlight-typedoc";
import { unravelSite } from "./src/integrations/unravel.ts";
import { listLessons } from "./src/lib/lessons.ts";

const repo = (/** @type {string} */ p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
process.env.UNRAVEL_LESSONS_DIR ??= repo("packages/lessons");

/** Cross-origin isolation: SharedArrayBuffer (and so the Run button) needs both. */
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

const lessons = listLessons();

// The API reference is generated from core's doc comments once core has a barrel.
const coreEntry = repo("packages/core/src/index.ts");
const coreTsconfig = repo("packages/core/tsconfig.json");
const withApi = existsSync(coreEntry);

// Our Search override loads Starlight's own Pagefind UI package on demand.
const fromStarlight = createRequire(fileURLToPath(import.meta.resolve("@astrojs/starlight")));
const pagefindUi = {
  find: /^@pagefind\/default-ui/,
  replacement: path.dirname(fromStarlight.resolve("@pagefind/default-ui/package.json")),
};

/**
 * The editor's chunks (CodeMirror, Lezer and our editor module) start with
 * V8's explicit compile hint: most of their functions run as the editor
 * opens, and compiled lazily they would each be parsed and compiled on the
 * main thread at their first call, in the tasks of the click on "Edit the
 * code". With the hint Chromium compiles them as the file streams in, on a
 * background thread. Other browsers read a comment.
 */
const editorModule =
  /[\\/](@codemirror|@lezer|style-mod|w3c-keyname|crelt|@marijn)[\\/]|[\\/]src[\\/]lib[\\/]editor\.ts$/;
/** @type {NonNullable<NonNullable<import("astro").AstroUserConfig["vite"]>["plugins"]>[number]} */
const compileHints = {
  name: "unravel-editor-compile-hints",
  apply: "build",
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === "chunk" && chunk.moduleIds.some((id) => editorModule.test(id)))
        chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
    }
  },
};

export default defineConfig({
  server: { headers: isolation },
  vite: { resolve: { alias: [pagefindUi] }, plugins: [compileHints] },
  integrations: [
    starlight({
      title: "Unravel",
      logo: { src: "./src/assets/logo.svg", alt: "" },
      description:
        "Learn threads in TypeScript: Python's threading, carried over to real workers and shared memory.",
      head: [
        // Classic script, first in <head>: registers the service worker that
        // isolates the page on hosts without COOP/COEP and keeps it working offline.
        { tag: "script", attrs: { src: "/register-sw.js" } },
      ],
      customCss: ["./src/styles/custom.css"],
      components: { Search: "./src/components/Search.astro" },
      lastUpdated: false,
      pagination: true,
      sidebar: [
        { label: "Start here", items: [{ label: "Introduction", link: "/" }] },
        {
          label: "Lessons",
          items: [
            ...lessons.map((l) => ({ label: `${l.number}. ${l.title}`, link: l.href })),
            // The closing page: which of the lessons' tools to use when.
            { label: "Which tool when", link: "/which-tool/" },
          ],
        },
        { label: "Speed", items: [{ label: "How fast are these threads?", link: "/bench/" }] },
        ...(withApi ? [typeDocSidebarGroup] : []),
      ],
      plugins: withApi
        ? [
            starlightTypeDoc({
              entryPoints: [coreEntry],
              tsconfig: existsSync(coreTsconfig) ? coreTsconfig : undefined,
              output: "api",
              sidebar: { label: "API reference", collapsed: true },
              // Core's own typecheck task reports type errors; the reference is built from whatever is there.
              typeDoc: {
                excludePrivate: true,
                excludeInternal: true,
                disableSources: true,
                skipErrorChecking: true,
              },
            }),
          ]
        : [],
    }),
    unravelSite(),
  ],
});
