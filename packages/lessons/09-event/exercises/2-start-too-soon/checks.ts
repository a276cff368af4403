// The lesson's own checks: what every run of its sample must show.
export { checks } from "../../test/invariants.ts";
