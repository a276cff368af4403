// The lesson's own checks: what every run of its sample must show.
export { checks } from "../../test/invariants.ts";

// Accepted when your version makes this one fail, on some schedule.
export const breaks =
  "does not wait for the thread before its last line";
