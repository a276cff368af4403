// The lesson's own checks: an accepted program keeps every one of
// them, on a real run and on every explored schedule.
export { checks } from "../../test/invariants.ts";
