// The exercise's checks: here, the lesson's own (test/invariants.ts).
// An exercise can have checks of its own too: each with a sentence a
// learner reads (`says`) and a reason when it fails (`must(…, reason)`).
export { checks } from "../../test/invariants.ts";
