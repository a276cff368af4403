/**
 * `pnpm start`: capture every lesson, build the site, and serve it on
 * http://localhost:4321 with the cross-origin isolation headers.
 */
import { spawn } from "node:child_process";
import { env, site, siteBin, step } from "./run.ts";

step("capture every lesson (real runs)", "turbo", ["run", "capture"]);
step("build the site", "turbo", ["run", "build", "--filter=@unravel/site"]);
console.log("\nServing the course on http://localhost:4321 (Ctrl-C to stop)\n");
const server = spawn(siteBin("astro"), ["preview"], {
  cwd: site,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) =>
  process.exit(signal === "SIGINT" || signal === "SIGTERM" ? 0 : (code ?? 0)),
);
