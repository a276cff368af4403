// The lesson's own checks: every run must show what the sample shows.
export { checks } from "../../test/invariants.ts";
