/**
 * `node build-node.mjs` (run by `pnpm install`, as this package's `prepare`):
 * bundles core for Node into .bundles/node/, with source maps, and records
 * every source file it was built from (size and mtime) in sources.json.
 * `index.js` loads this bundle instead of ~50 .ts files, which Node would
 * type-strip and compile one by one before a program's first line; when any
 * source has changed since, it loads src/ instead, so the bundle is never stale.
 * It also writes index.js's list of names (an ES module must name what it
 * re-exports) from what src/index.ts exports, so a new export is never left out.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const outdir = `${here}.bundles/node`;
const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: here,
  entryPoints: { index: "src/index.ts", "node-worker": "src/thread/node-worker-entry.js" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "es2024",
  sourcemap: true,
  keepNames: true, // a thread's default name and an error's class name come from them
  metafile: true,
  logLevel: "warning",
});
const sources = Object.keys(result.metafile.inputs)
  .filter((path) => path.startsWith("src/"))
  .map((path) => {
    const { size, mtimeMs } = statSync(`${here}${path}`);
    return { path, size, mtimeMs };
  });
writeFileSync(`${outdir}/sources.json`, `${JSON.stringify(sources)}\n`);

// index.js names each export (an ES module must): the same names as the bundle's, in any order.
const names = result.metafile.outputs[".bundles/node/index.js"].exports;
const entry = `${here}index.js`;
const text = readFileSync(entry, "utf8");
const block = /export const \{\n([^}]*)\} = core;/;
const listed = block.exec(text)?.[1].match(/\w+/g);
if (!listed)
  throw new Error(`${entry} has no "export const { … } = core;" to list the exports in.`);
if (listed.length !== names.length || !names.every((n) => listed.includes(n))) {
  const sorted = names.toSorted((a, b) => a.localeCompare(b, "en"));
  writeFileSync(
    entry,
    text.replace(block, `export const {\n${sorted.map((n) => `  ${n},\n`).join("")}} = core;`),
  );
  process.stdout.write(
    `@unravel/core: index.js now lists the ${names.length} exports of src/index.ts\n`,
  );
}
process.stdout.write(
  `@unravel/core: bundled ${sources.length} sources for Node in ${Math.round(performance.now() - started)} ms\n`,
);
