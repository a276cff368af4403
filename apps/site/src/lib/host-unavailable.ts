/**
 * Stands in for `@unravel/core/host` while packages/core has no `src/host/`
 * yet (astro.config.mjs aliases it only then). It runs nothing and says so.
 */
import type { StartRun } from "./host-api.ts";

export const startRun: StartRun = () => ({
  done: Promise.resolve({
    exitCode: 1,
    reason: "error",
    error:
      "This build of the site has no browser runtime: @unravel/core/host was missing when it was built.",
  }),
  stop() {},
});
