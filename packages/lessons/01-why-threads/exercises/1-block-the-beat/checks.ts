// The lesson's own checks: what every run of its sample must show.
export { checks } from "../../test/invariants.ts";

// Accepted when your version makes this one fail.
export const breaks =
  "keeps beating while the work runs in a thread";
