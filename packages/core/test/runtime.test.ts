import { runScenariosOnNode } from "./run-node-scenarios.ts";

// Warm start and worker exit on Node: see runtime/node.ts and runtime/node-worker.ts.
runScenariosOnNode("runtime");
