import { defineConfig } from "tsup";

// The published build: ESM + .d.ts. The Node worker script is an entry of its
// own, next to the shared chunk, so `thread/boot.ts` finds it as ./node-worker.js.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    host: "src/host/index.ts",
    "node-worker": "src/thread/node-worker-entry.js",
  },
  format: ["esm"],
  target: "es2024",
  dts: { entry: { index: "src/index.ts", host: "src/host/index.ts" } },
  splitting: true,
  clean: true,
  sourcemap: true,
});
