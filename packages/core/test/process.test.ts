/**
 * How threads meet the process, on Node, each in a child process: output
 * (console, long lines, a closed pipe), what a thread sees of `process`, the
 * thread limit, a Node too old, a target that never settles. Timeouts here
 * only bound a failure; nothing waits for time to pass.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runtime } from "../src/runtime/index.ts";
import { THREAD_BYTES } from "../src/runtime/node.ts";
import { LENGTH, LINES } from "./process/long-lines.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./process/${name}`, import.meta.url));

interface Child {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout (or stderr) holds `text`; rejects, with the output, if the child ends first. */
  waitFor: (text: string, stream?: "stdout" | "stderr") => Promise<void>;
  /** Resolves with how the child ended. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(
  file: string,
  args: string[] = [],
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Child {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), fixture(file), ...args], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const watchers: (() => void)[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk;
    for (const watch of [...watchers]) watch();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    err += chunk;
    for (const watch of [...watchers]) watch();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (text: string, stream: "stdout" | "stderr" = "stdout") =>
    new Promise<void>((resolve, reject) => {
      const watch = () => {
        if (!(stream === "stdout" ? out : err).includes(text)) return;
        watchers.splice(watchers.indexOf(watch), 1);
        resolve();
      };
      watchers.push(watch);
      watch();
      void ended.then(() =>
        reject(new Error(`ended before printing ${text}:\n${out}\nstderr:\n${err}`)),
      );
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, ended };
}

/** Runs a fixture to its end. A hang fails the test at its timeout (the child is killed). */
async function run(file: string, args: string[] = [], options = {}) {
  const c = start(file, args, options);
  const ended = await c.ended;
  return { ...ended, stdout: c.stdout(), stderr: c.stderr(), lines: c.stdout().split("\n") };
}

const inOrder = [
  "console.log 1",
  "print 2",
  "console.info 3",
  "print 4",
  "┌─────────┬───┐",
  "│ (index) │ a │",
  "├─────────┼───┤",
  "│ 0       │ 6 │",
  "└─────────┴───┘",
  "print 7",
];

describe.concurrent("a thread's console on Node", () => {
  it("appears at once, in order with print, while main is blocked in join", async () => {
    const c = start("console-in-thread.ts", ["blocked"]);
    try {
      await c.waitFor("print 7");
      expect(c.stdout().split("\n").slice(0, inOrder.length)).toEqual(inOrder);
      await c.waitFor("console.warn 5", "stderr");
    } finally {
      c.child.kill("SIGKILL");
    }
  });

  it("survives main's process.exit", async () => {
    const { code, lines, stderr } = await run("console-in-thread.ts", ["exit"]);
    expect(code).toBe(0);
    expect(lines).toEqual([...inOrder, "main exits", ""]);
    expect(stderr).toBe("console.warn 5\n");
  });
});

describe.concurrent("output to a pipe on Node", () => {
  it("keeps every line whole, of any length, from several threads (print and console)", async () => {
    const { code, lines, stderr } = await run("long-lines.ts");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const broken = lines
      .slice(0, -1)
      .filter((line) => !/^(a+|b+|c+|d+|m+)$/.test(line) || line.length !== LENGTH);
    expect(broken.length).toBe(0);
    expect(lines.length - 1).toBe(5 * LINES);
  });

  it("ends the program when stdout is closed (| head), even with a thread waiting forever", async () => {
    const c = start("broken-pipe.ts");
    await c.waitFor("line 2\n");
    c.child.stdout!.destroy(); // what `head -3` does after its third line
    const { code, signal } = await c.ended;
    expect({ code, signal }).toEqual({ code: 1, signal: null });
    expect(c.stderr()).toContain("stdout was closed by its reader");
  });
});

describe.concurrent("what a thread sees of the process on Node", () => {
  it("sees main's argv, execArgv and env as they were at its start()", async () => {
    const { code, lines, stderr } = await run("process-view.ts", ["-v", "extra"], {
      nodeArgs: ["--no-warnings", "--stack-size=2000"],
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const seen = lines.filter(Boolean).map((line) => JSON.parse(line));
    expect(seen).toHaveLength(6);
    for (let i = 0; i < seen.length; i += 2) {
      const [thread, main] = [seen[i], seen[i + 1]];
      expect(main.argv).toEqual([process.execPath, fixture("process-view.ts"), "-v", "extra"]);
      expect(main.execArgv).toEqual(["--no-warnings", "--stack-size=2000"]);
      expect({ ...thread, label: "" }).toEqual({ ...main, label: "" });
      expect(thread.verbose).toBe(true);
    }
    expect(seen.map((s) => s.x)).toEqual(["one", "one", "two", "two", "three", "three"]);
  });
});

describe.concurrent("the thread limit on Node", () => {
  it("refuses a thread past the limit with Python's RuntimeError, and makes room as threads end", async () => {
    const { code, lines, stderr } = await run("thread-limit.ts", [], {
      env: { UNRAVEL_MAX_THREADS: "3" },
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(lines[0]).toBe(
      "over the limit: RuntimeError: can't start new thread: 3 threads are alive, the most " +
        "allowed here (UNRAVEL_MAX_THREADS=3). Join threads that have finished, or use a " +
        "ThreadPoolExecutor with fewer workers; UNRAVEL_MAX_THREADS=<n> sets the limit " +
        '(see "What a thread costs" in the README of @unravel/core).',
    );
    expect(lines.slice(1)).toEqual([
      "extra alive false",
      "after join: started,started,started",
      "after process.exit in threads: started",
      "",
    ]);
  });

  it("derives the default limit from the memory available, a thread costing THREAD_BYTES", () => {
    const previous = process.env.UNRAVEL_MAX_THREADS;
    delete process.env.UNRAVEL_MAX_THREADS;
    try {
      const limit = runtime.threadLimit()!;
      const available = Math.min(
        process.availableMemory(),
        (globalThis as any).process.constrainedMemory?.() || Infinity,
      );
      // Within what memory allows now (it moves a little between the two readings).
      expect(limit.limit).toBeGreaterThan(0);
      expect(limit.limit * THREAD_BYTES).toBeLessThanOrEqual(available * 0.85);
      expect(limit.reason).toMatch(/about 24 MiB here, and [\d.]+ [GM]iB of memory was available/);
    } finally {
      if (previous !== undefined) process.env.UNRAVEL_MAX_THREADS = previous;
    }
  });

  it("refuses a bad UNRAVEL_MAX_THREADS, naming it", async () => {
    const { code, stderr } = await run("process-view.ts", [], {
      env: { UNRAVEL_MAX_THREADS: "lots" },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('UNRAVEL_MAX_THREADS must be a positive integer, got "lots"');
  });
});

describe.concurrent("Ctrl-C on Node, with a SIGINT handler installed", () => {
  it("ends a main thread that is blocked in join", async () => {
    const c = start("sigint-while-blocked.ts", ["blocked"]);
    try {
      await c.waitFor("main is blocked");
      c.child.kill("SIGINT");
      expect(await c.ended).toEqual({ code: null, signal: "SIGINT" });
    } finally {
      c.child.kill("SIGKILL");
    }
  });

  it("runs the handler when main is not blocked, which a join leaves installed", async () => {
    const { code, lines, stderr } = await run("sigint-while-blocked.ts", ["free"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(lines).toEqual(["listeners after join 1", "handler ran", ""]);
  });
});

describe.concurrent("clear ends on Node", () => {
  it("says which Node is needed, and exits non-zero, on a Node without getBuiltinModule", async () => {
    const { code, stdout, stderr } = await run("old-node.ts", [], {
      nodeArgs: ["--import", "data:text/javascript,delete process.getBuiltinModule"],
    });
    expect(stdout).toBe("");
    expect(code).not.toBe(0);
    expect(stderr).toContain("@unravel/core needs Node.js 24 or newer; this is Node");
    expect(stderr).not.toContain("a browser page cannot run threads");
  });

  it("says that an async target's promise never settled (not exit code 13)", async () => {
    const { code, lines, stderr } = await run("never-settles.ts");
    const message =
      "the target of thread stuck returned a promise that never settled: nothing was left for " +
      "it to wait on (no timer, I/O or message). Is it awaiting a promise that nobody resolves? " +
      "(Blocking calls need no await; their async twins need the other side to act.)";
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(lines).toEqual([`hook: ${message}`, "joined true", `exception: ${message}`, ""]);
  });
});
