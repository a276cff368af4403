// The checks of the lesson's readers and writers (test/readers-writers.ts).
export { checks } from "../../test/readers-writers.ts";
