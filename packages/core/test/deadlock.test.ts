/**
 * The deadlock report, abandoned locks, and the detector's "no false alarm"
 * rule. Programs in `deadlock/` run as child processes (`node file.ts`), as
 * a learner runs them; each has a timeout, so none can hang the suite.
 */
import { execFile, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isDeadlock, snapshot } from "../src/diagnose/deadlock.ts";
import { BLOCKED, ENDING, EPOCH, R_STATE, R_VERIFIED } from "../src/diagnose/layout.ts";
import {
  claimRecord,
  hooks,
  lookAtExit,
  table,
  threadEnded,
  threadEnding,
} from "../src/diagnose/waits.ts";
import { register, unregister } from "../src/thread/registry.ts";

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(
  file: string,
  args: string[] = [],
  env: Record<string, string> = {},
  timeout = 30_000,
): Promise<Ran> {
  const path = fileURLToPath(new URL(`./deadlock/${file}`, import.meta.url));
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path, ...args],
      { timeout, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

describe.concurrent("the deadlock report", () => {
  it("two threads taking two locks in opposite order: exit 1, both threads, both locks, both lines, the cycle", async () => {
    const r = await run("two-locks.ts");
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).not.toContain("never printed");
    expect(r.stderr).toContain("deadlock: every thread is blocked");
    expect(r.stderr).toMatch(
      /left waits in acquire\(\) for Lock#2, held by right, at test\/deadlock\/two-locks\.ts:15/,
    );
    expect(r.stderr).toMatch(
      /right waits in acquire\(\) for Lock#1, held by left, at test\/deadlock\/two-locks\.ts:22/,
    );
    expect(r.stderr).toMatch(
      /MainThread waits in join\(\) for the end of left, at test\/deadlock\/two-locks\.ts:35/,
    );
    expect(r.stderr).toContain("cycle: left → Lock#2 held by right → Lock#1 held by left");
    // Reported within 2 s of the deadlock: each wait's age when the report was made.
    const ages = [...r.stderr.matchAll(/\(for (\d+) ms\)/g)].map((m) => Number(m[1]));
    expect(ages).toHaveLength(3);
    for (const age of ages) expect(age).toBeLessThan(2_000);
  });

  it("dining philosophers who all take their left fork first: the 5-cycle", async () => {
    const r = await run("philosophers.ts");
    expect(r.code, r.stderr).toBe(1);
    const cycle = /cycle: (.*)/.exec(r.stderr)?.[1] ?? "";
    for (let i = 0; i < 5; i++) expect(cycle).toContain(`held by philosopher-${i}`);
    expect(cycle.split(" → ")).toHaveLength(6);
    expect(r.stderr.match(/philosophers\.ts:28/g)).toHaveLength(5);
  });

  for (const how of ["hold", "acquire", "using"]) {
    it(`a Lock taken twice by one thread with ${how === "using" ? "hold() in an open `using` block" : `${how}()`}: the report says it waits for itself, and why`, async () => {
      const r = await run("held-twice.ts", [how]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe("took it once\n");
      expect(r.stderr).toMatch(
        /MainThread waits in acquire\(\) for Lock#\d+, held by MainThread itself \(a Lock taken twice by one thread: /,
      );
      // The line of the second take, read from the fixture.
      const line = fixtureLine("held-twice.ts", `// MAIN WAITS HERE (${how})`);
      expect(r.stderr).toContain(
        how === "acquire"
          ? `release it first, or use an RLock), at test/deadlock/held-twice.ts:${line}`
          : "it took it with an earlier hold() that is not disposed yet, in a `using` block still open or a hold() without `using`. " +
              `End that block first (a hold() needs \`using _held = lock.hold()\`), or use an RLock), at test/deadlock/held-twice.ts:${line}`,
      );
      expect(r.stderr).not.toContain("never disposed");
    });
  }

  it("main waiting in future.result() for a task that needs a lock main holds: reported", async () => {
    const r = await run("future-deadlock.ts");
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /MainThread waits in result\(\) for Future#\d+, its task run by ThreadPoolExecutor-\S+, at test\/deadlock\/future-deadlock\.ts:23/,
    );
    expect(r.stderr).toMatch(
      /cycle: MainThread → Future#\d+ run by ThreadPoolExecutor-\S+ → Lock#\d+ held by MainThread/,
    );
    expect(r.stderr).toMatch(
      /ThreadPoolExecutor-\S+ waits in acquire\(\) for Lock#\d+, held by MainThread, at test\/deadlock\/future-deadlock\.ts:13/,
    );
  });

  it("the same with the lock released first: the result, no report", async () => {
    const r = await run("future-deadlock.ts", ["fixed"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("result 42\n");
  });

  it("threads that deadlock after main's function returned (main waits for them at exit): reported", async () => {
    const r = await run("exit-deadlock.ts");
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe("main returns\n");
    expect(r.stderr).toContain(
      "MainThread has returned, and waits for the threads that are not daemons to end",
    );
    expect(r.stderr).toMatch(/first waits in acquire\(\) for Lock#\d+, held by second/);
    expect(r.stderr).toMatch(/cycle: (first|second) → Lock#\d+ held by (second|first) → /);
  });

  it("after main returned, a thread that waits for what main's timer will set: no report", async () => {
    const r = await run("exit-deadlock.ts", ["timer"], { UNRAVEL_DEADLOCK_TICK_MS: "1" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("waiter woke\n");
  });

  it("is off with UNRAVEL_DEADLOCK=off: the program hangs as in Python, until killed", async () => {
    // Killed 3 s after it printed "started" (not 3 s after spawn: under load
    // start-up alone can take that long), well past the 2 s a report takes.
    const r = await runThenKill("two-locks.ts", { UNRAVEL_DEADLOCK: "off" }, "started", 3_000);
    expect(r.stdout).toContain("started"); // it ran, and was still blocked when killed
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe("");
  });
});

/** The 1-based line of `deadlock/<file>` whose code contains `text`. */
function fixtureLine(file: string, text: string): number {
  const path = fileURLToPath(new URL(`./deadlock/${file}`, import.meta.url));
  const index = readFileSync(path, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`no line with ${text} in ${file}`);
  return index + 1;
}

/** Runs `file` and kills it `afterMs` after its stdout first shows `text` (30 s at most). */
function runThenKill(
  file: string,
  env: Record<string, string>,
  text: string,
  afterMs: number,
): Promise<Ran> {
  const path = fileURLToPath(new URL(`./deadlock/${file}`, import.meta.url));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const limit = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (!timer && stdout.includes(text)) timer = setTimeout(() => child.kill(), afterMs);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => {
      clearTimeout(limit);
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

describe.concurrent("no false alarm (the detector looks every 1 ms)", () => {
  const fast = { UNRAVEL_DEADLOCK_TICK_MS: "1" };
  it("the philosophers with a lock order: 5 × 300 meals, no report", async () => {
    const r = await run("philosophers.ts", ["ordered", "300"], fast);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("meals 1500");
  });

  it("a ring of 3 threads passing a turn through a Condition, 600 rounds, no report", async () => {
    const r = await run("ping-pong.ts", ["600"], fast);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("turns 1800");
  });

  it("a consumer while its producer sleeps, a timed-acquire retry loop, an async waiter, a spinner: no report", async () => {
    const r = await run("not-stuck.ts", ["400"], fast);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("all done");
  });
});

describe.concurrent("abandoned locks: each way of dying × each primitive", () => {
  for (const how of ["throws", "exits", "hold"]) {
    for (const what of ["Lock", "RLock", "Condition"]) {
      it(`${what}: its holder ${how} → the waiter gets LockAbandonedError naming the thread`, async () => {
        const r = await run("abandoned.ts", [how, what]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain("waiter got LockAbandonedError instanceof true thread doomed");
        expect(r.stdout).toMatch(
          new RegExp(
            `doomed ended while holding this R?Lock#\\d+: ${how === "hold" ? "taken with hold\\(\\)" : "acquired and never released"}`,
          ),
        );
        expect(r.stdout).toContain("main done");
      });
    }
    for (const what of ["Queue", "Semaphore"]) {
      it(`${what}: a thread that ${how} inside an operation → the others go on`, async () => {
        const r = await run("abandoned.ts", [how, what]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(
          what === "Queue" ? "queue works: got 1 2" : "semaphore works: true",
        );
        expect(r.stderr).toContain(
          "doomed ended inside a Queue, Semaphore, Barrier or pool operation",
        );
      });
    }
  }
});

describe("the detector's rule, on a table filled by hand", () => {
  it("reports only when every live thread is blocked and verified at the current epoch", () => {
    const { ints } = table();
    const idents = [9001, 9002];
    for (const ident of idents) register({ ident, name: `fake-${ident}`, daemon: false });
    try {
      const main = claimRecord(ints, 1);
      const records = [main, ...idents.map((i) => claimRecord(ints, i))];
      const epoch = Atomics.add(ints, EPOCH, 1) + 1;
      for (const at of records) {
        Atomics.store(ints, at + R_STATE, BLOCKED);
        Atomics.store(ints, at + R_VERIFIED, epoch);
      }
      expect(isDeadlock(snapshot())).toBe(true);
      // One verification from before the last epoch: a wake-up may be on its way.
      Atomics.store(ints, records[1]! + R_VERIFIED, epoch - 1);
      expect(isDeadlock(snapshot())).toBe(false);
      Atomics.store(ints, records[1]! + R_VERIFIED, epoch);
      // A thread that is ending is not blocked.
      Atomics.store(ints, records[2]! + R_STATE, ENDING);
      expect(isDeadlock(snapshot())).toBe(false);
      Atomics.store(ints, records[2]! + R_STATE, 0);
      expect(isDeadlock(snapshot())).toBe(false); // running
      for (const at of records) Atomics.store(ints, at + R_STATE, 0);
    } finally {
      for (const ident of idents) unregister(ident);
    }
  });
});

/**
 * Main's looks at exit, one at a time, with Node's view of main's event loop
 * replaced: `during` runs in the middle of a look (where the look asks
 * whether the loop is idle), as another thread would. Each look's verdict is
 * what the detector would say (the report itself is not made).
 */
function looksAtExit(looks: number, during: (look: number) => void): boolean[] {
  const p = process as unknown as Record<string, unknown>;
  const saved = ["getActiveResourcesInfo", "_getActiveHandles", "_getActiveRequests"].map(
    (key) => [key, p[key]] as const,
  );
  const detect = hooks.detect;
  const verdicts: boolean[] = [];
  let look = 0;
  p.getActiveResourcesInfo = () => {
    during(look);
    return []; // nothing but the workers: main's loop is idle
  };
  p._getActiveHandles = () => [];
  p._getActiveRequests = () => [];
  hooks.detect = () => verdicts.push(isDeadlock(snapshot()));
  try {
    for (; look < looks; look++) if (!lookAtExit()) break;
  } finally {
    for (const [key, value] of saved) p[key] = value;
    hooks.detect = detect;
    Atomics.store(table().ints, claimRecord(table().ints, 1) + R_STATE, 0);
  }
  return verdicts;
}

describe("main at exit, on a table filled by hand", () => {
  it("a thread that stays blocked: the second look reports it", () => {
    const { ints } = table();
    register({ ident: 9003, name: "fake-9003", daemon: false });
    try {
      const at = claimRecord(ints, 9003);
      Atomics.store(ints, at + R_STATE, BLOCKED);
      // The thread re-verifies its wait every tick, as watchedWait does.
      const verdicts = looksAtExit(2, () =>
        Atomics.store(ints, at + R_VERIFIED, Atomics.load(ints, EPOCH)),
      );
      // The first look counts main as blocked (EPOCH moves): only the next one can report.
      expect(verdicts).toEqual([false, true]);
      Atomics.store(ints, at + R_STATE, 0);
    } finally {
      unregister(9003);
      threadEnded(9003);
    }
  });

  it("the last thread ends while main looks: no report, and the next look stops", () => {
    register({ ident: 9004, name: "fake-9004", daemon: false });
    try {
      let looked = 0;
      const verdicts = looksAtExit(5, (look) => {
        looked = look + 1;
        if (look !== 1) return;
        // What markEnded (thread/run.ts) does, between main's check of the
        // live threads and its verification.
        threadEnding(9004, "fake-9004");
        unregister(9004);
        threadEnded(9004);
      });
      // The first look: a thread running, no deadlock. The second: the thread
      // is gone when main verifies, so that look already stops, and reports nothing.
      expect(verdicts).toEqual([false]);
      expect(looked).toBe(2);
    } finally {
      unregister(9004);
      threadEnded(9004);
    }
  });
});

describe.concurrent("Ctrl-C while main is blocked", () => {
  for (const [what, handler] of [
    ["lock", ""],
    ["lock", "handler"],
    ["queue", ""],
  ] as const) {
    it(`in ${what === "lock" ? "lock.acquire()" : "queue.get()"}${handler ? ", with a SIGINT handler" : ""}: who waits on what, then the end Ctrl-C gives`, async () => {
      const path = fileURLToPath(new URL("./deadlock/ctrl-c.ts", import.meta.url));
      const child = spawn(process.execPath, [path, what, handler], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.once("close", (code, signal) => resolve({ code, signal })),
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk;
            if (stdout.includes("main is blocked")) resolve();
          });
          void ended.then(() => reject(new Error(`ended first: ${stdout}\n${stderr}`)));
        });
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk;
        });
        child.kill("SIGINT");
        expect(await ended).toEqual({ code: null, signal: "SIGINT" });
        expect(stderr).toContain("unravel: interrupted (Ctrl-C) while blocked. Who waits on what:");
        // The line of main's waiting call, read from the fixture (not a number to keep in step).
        const call = what === "lock" ? "else lock.acquire();" : "q.get();";
        const line = fixtureLine("ctrl-c.ts", call);
        expect(stderr).toMatch(
          what === "lock"
            ? new RegExp(
                `MainThread waits in acquire\\(\\) for Lock#\\d+, held by busy, at test/deadlock/ctrl-c\\.ts:${line}\\b`,
              )
            : new RegExp(
                `MainThread waits in get\\(\\) for Queue#\\d+ .*, at test/deadlock/ctrl-c\\.ts:${line}\\b`,
              ),
        );
        expect(stderr).toContain("busy");
        expect(stdout).not.toContain("WRONG");
        expect(stdout).not.toContain("never printed");
      } finally {
        child.kill("SIGKILL");
      }
    });
  }
});

describe.concurrent("the module-state trap", () => {
  it("a Lock made at the top level (a naive port of Python's example): one warning, with its line and the fix", async () => {
    const r = await run("top-level-lock.ts");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("counter 0\n"); // what the warning is about: main's counter never moved
    const warnings = r.stderr.split("\n").filter((line) => line.startsWith("unravel:"));
    expect(warnings).toHaveLength(1); // three threads, one warning
    expect(warnings[0]).toContain(
      "unravel: a Lock is made at the top level of the module, at test/deadlock/top-level-lock.ts:9.",
    );
    expect(warnings[0]).toContain("Make it in main(…) and pass it to the threads as an argument");
  });

  it("the same program with the lock and counter made in main and passed: no warning, every increment counted", async () => {
    const r = await run("top-level-fixed.ts");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("counter 3000\n");
  });
});

describe("the lessons", () => {
  const lessons = new URL("../../lessons/", import.meta.url);
  it("run with an empty stderr: no module-state warning, no report", async () => {
    const dirs = readdirSync(lessons).filter((d) => /^\d\d-/.test(d));
    expect(dirs.length).toBeGreaterThanOrEqual(9); // the course has grown past the first nine
    for (const dir of dirs) {
      const cwd = fileURLToPath(new URL(`${dir}/`, lessons));
      const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ["src/main.ts"],
          { cwd, timeout: 60_000 },
          (error, _out, stderr) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stderr }),
        ),
      );
      expect({ dir, ...r }).toEqual({ dir, code: 0, stderr: "" });
    }
  });
});
