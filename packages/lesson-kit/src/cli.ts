#!/usr/bin/env node
/**
 * `unravel-lesson capture` and `unravel-lesson bundle`, run in a lesson's
 * folder (its `capture` script runs both).
 */
import { bundle } from "./bundle.ts";
import { CaptureError, capture } from "./capture.ts";

const USAGE = `usage: unravel-lesson <command>   (in a lesson folder)

  capture   run src/main.ts (traced) and python/main.py, one lesson at a time on the
            machine, check test/capture.ts; write capture/run.json
  bundle    build src/main.ts for the browser into capture/browser/main.js`;

async function cli(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (rest.length > 0) return usage(`unexpected argument: ${rest[0]}`);
  const dir = process.cwd();
  switch (command) {
    case "capture": {
      const record = await capture(dir);
      const ts = record.typescript;
      const rep = record.representative;
      const checks = rep.checks.typescript.length + rep.checks.python.length - rep.pending.length;
      console.log(
        `captured ${record.lesson}: ${ts.lines.length} lines, ${ts.trace.events.length} trace events` +
          (record.python ? `, ${record.python.lines.length} Python lines` : "") +
          `; ${checks} representativeness check${checks === 1 ? "" : "s"} passed` +
          (rep.pending.length ? `, ${rep.pending.length} pending` : "") +
          ` (${rep.attempts} run${rep.attempts === 1 ? "" : "s"}` +
          `, waited ${(record.conditions.waitedMs / 1000).toFixed(1)} s for other captures` +
          `, load ${ts.load.before[0]} on ${record.conditions.machine.cores} cores)`,
      );
      for (const r of rep.rejected) console.log(`  refused: ${r}`);
      for (const p of rep.pending) {
        console.log(
          p.seen === null
            ? `  pending check passed (drop its \`pending\` once it passes every time): ${p.language}: ${p.check}`
            : `  warning: not yet representative (pending: ${p.pending}): ${p.language}: ${p.check}: ${p.seen}`,
        );
      }
      return 0;
    }
    case "bundle":
      console.log(`bundled ${await bundle(dir)}`);
      return 0;
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return 0;
    default:
      return usage(command === undefined ? "no command given" : `unknown command: ${command}`);
  }
}

function usage(problem: string): number {
  console.error(`unravel-lesson: ${problem}\n\n${USAGE}`);
  return 2;
}

cli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof CaptureError ? error.message : error);
    process.exitCode = 1;
  },
);
