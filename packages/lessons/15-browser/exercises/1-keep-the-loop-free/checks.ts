// The lesson's own checks: a blocking wait must see no tick, an awaited one some.
export { checks } from "../../test/invariants.ts";
