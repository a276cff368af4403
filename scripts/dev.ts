/** `pnpm dev`: capture every lesson, then the site with live reload on http://localhost:4321. */
import { spawn } from "node:child_process";
import { env, site, siteBin, step } from "./run.ts";

step("capture every lesson (real runs)", "turbo", ["run", "capture"]);
const server = spawn(siteBin("astro"), ["dev"], {
  cwd: site,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
