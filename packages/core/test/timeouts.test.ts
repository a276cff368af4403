// Every primitive with a timeout, under contention, on real workers: a timed
// call that gives up must leave the state as if it never tried.
import { runScenariosOnNode } from "./run-node-scenarios.ts";

runScenariosOnNode("timeouts");
