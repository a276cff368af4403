/**
 * Step through, on the lesson page: the learner is the scheduler. The code
 * (the lesson's, or the learner's edit, cut to small counts where the
 * lesson says so) runs in step mode through `@unravel/core/host`, paused
 * before every step; a button per ready thread lets that thread take one.
 * Undo replays the schedule one step shorter, Reset replays none of it,
 * Run to the end lets the random scheduler finish, and Find a failing
 * schedule runs PCT (and random runs between) until a run fails one of the
 * lesson's checks, then loads that schedule to be stepped through. Loaded
 * on the first click.
 */
import {
  type DeadlockGraph,
  formatSchedule,
  type Paused,
  type PausedThread,
  type Run,
  type RunResult,
  type StepRecord,
  startRun,
  type TraceEvent,
} from "@unravel/core/host";
import { type CheckRun, judge, type LessonChecks, showVerdicts } from "./checks.ts";
import { compile, learnerStack } from "./compile.ts";
import {
  arrayName,
  countsText,
  cutSource,
  lineOf,
  nextWords,
  type Stepping,
} from "./step-words.ts";

export interface StepperOptions {
  checks: LessonChecks | null;
  stepping: Stepping;
  /** The lesson's own code: a check whose verdict on no output changes with the code reads only the code. */
  original: string;
}

/** A schedule to follow, found by an exercise's Check, and what judges it. */
export interface Follow {
  schedule: number[];
  checks: LessonChecks | null;
  /** The exercise's starting code: a check that reads only the code is told by it. */
  original: string;
}

interface ArrayCell {
  id: number;
  name: string;
  view: Int32Array | Float64Array | Uint8Array;
}

/** Runs of Find a failing schedule before it says none failed. */
export const FIND_RUNS = 100;
const COLORS = 6;

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

export class Stepper {
  readonly #panel: HTMLElement;
  readonly #options: StepperOptions;
  #source = "";
  #lines: string[] = [];
  #url = "";
  #toLearner: (text: string) => string = (text) => text;
  #revoke: () => void = () => {};
  #run: Run | null = null;
  #generation = 0;
  // What the run so far has shown.
  #records: StepRecord[] = [];
  #arrays = new Map<number, ArrayCell>();
  #locks = new Map<string, number>();
  #events = new Map<string, boolean>();
  #queues = new Map<string, { puts: number; gets: number }>();
  #lastOp = new Map<number, string>();
  #names = new Map<number, string>();
  #output: { stream: string; text: string }[] = [];
  /** Core's trace of the run, which some checks read (lesson 2: the main thread's steps). */
  #trace: TraceEvent[] = [];
  #paused: Paused | null = null;
  #ended: RunResult | null = null;
  #plan: number[] | null = null;
  /** What the run is judged by: the lesson's checks, or an exercise's when following its schedule. */
  #checks: LessonChecks | null = null;
  #original = "";
  #busy = false;
  #refocus: string | undefined;

  constructor(panel: HTMLElement, options: StepperOptions) {
    this.#panel = panel;
    this.#options = options;
    this.#checks = options.checks;
    this.#original = options.original;
    panel.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-step]");
      if (!button || button.disabled) return;
      const action = button.dataset.step!;
      void this.#act(action, Number(button.dataset.thread));
    });
  }

  #q<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.#panel.querySelector<T>(selector)!;
  }

  #status(text: string, tone: "info" | "ok" | "warn" = "info") {
    const el = this.#q(".step-status");
    el.textContent = text;
    el.dataset.tone = tone;
  }

  /**
   * Starts stepping `source` ("your code" or "the lesson's code") from its first step.
   * With `follow`, a schedule found elsewhere (an exercise's Check) is loaded to be
   * followed, on the code as it was checked (not cut) and judged by its checks.
   */
  async open(source: string, what: string, follow?: Follow): Promise<void> {
    this.stop();
    this.#plan = follow?.schedule ?? null;
    this.#checks = follow ? follow.checks : this.#options.checks;
    this.#original = follow ? follow.original : this.#options.original;
    const { stepping } = this.#options;
    let stepped = source;
    let note = follow
      ? `Stepping ${what} on the schedule its Check found (${follow.schedule.length} steps): follow it with "Follow the failing schedule", or choose your own.`
      : `Stepping ${what}, as it is.`;
    if (stepping.kind === "cut" && !follow) {
      const cut = cutSource(source, stepping.counts);
      stepped = cut.source;
      const names = Object.keys(stepping.counts);
      note =
        cut.missing.length === names.length
          ? `Stepping ${what} as it is: it has no const ${names.join(" or ")} = <number> to cut.`
          : `Stepping ${what} with ${countsText(stepping.counts)}: ${stepping.why}.` +
            (cut.missing.length
              ? ` (It has no const ${cut.missing.join(" or ")} = <number>: that count is as written.)`
              : "");
    }
    this.#revoke();
    const compiled = compile(stepped, new URL("/runs/core.js", location.href).href);
    this.#panel.hidden = false;
    this.#q(".step-what").textContent = note;
    if (!compiled.ok) {
      this.#status(
        `Syntax error at line ${compiled.place.line}, column ${compiled.place.column}: ${compiled.message}.`,
        "warn",
      );
      return;
    }
    this.#source = stepped;
    this.#lines = stepped.split("\n");
    this.#url = compiled.url;
    this.#revoke = compiled.revoke;
    this.#toLearner = (text) => learnerStack(text, compiled.url, compiled.toLearner).text;
    this.#renderCode(); // the code at once, the markers once the run pauses
    await this.#start([]);
    this.#panel.scrollIntoView({ block: "nearest" });
  }

  stop(): void {
    this.#generation++;
    this.#run?.stop();
    this.#run = null;
  }

  /** A fresh run that replays `prefix` and pauses after it. */
  #start(prefix: number[], opts: { pause?: boolean } = {}): Promise<void> {
    this.stop();
    const generation = this.#generation;
    this.#records = [];
    this.#arrays.clear();
    this.#locks.clear();
    this.#events.clear();
    this.#queues.clear();
    this.#lastOp.clear();
    this.#output = [];
    this.#trace = [];
    this.#paused = null;
    this.#ended = null;
    this.#q(".step-deadlock").hidden = true;
    this.#q(".step-checks").hidden = true;
    this.#setBusy(true);
    this.#status(prefix.length ? `Replaying ${prefix.length} steps…` : "Starting the threads…");
    let first: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      first = resolve;
    });
    const run = startRun(this.#url, {
      timeoutMs: 3_600_000, // a learner may think for a long while between two steps
      onTrace: (event) => {
        if (generation === this.#generation) this.#trace.push(event);
      },
      // What print() writes comes with its step (in order); errors come as lines.
      onLine: (line) => {
        if (generation === this.#generation && line.stream === "stderr")
          this.#output.push({ stream: line.stream, text: this.#toLearner(line.text) });
      },
      step: {
        scheduler: "replay",
        replay: prefix,
        pause: opts.pause ?? true,
        limit: 20_000,
        onStep: (record) => {
          if (generation === this.#generation) this.#took(record);
        },
        onArray: (array) => {
          if (generation !== this.#generation) return;
          const name = arrayName(this.#lines[(lineOf(array.frame) ?? 0) - 1]);
          this.#arrays.set(array.id, {
            id: array.id,
            name: name ?? `array ${array.id}`,
            view: array.view,
          });
        },
        onLock: (change) => {
          if (generation === this.#generation) this.#locks.set(change.lock, change.holder);
        },
        onPause: (paused) => {
          if (generation !== this.#generation) return;
          this.#paused = paused;
          for (const t of paused.threads)
            if (!/^thread \d+$/.test(t.name)) this.#names.set(t.thread, t.name);
          this.#setBusy(false);
          this.#render();
          first();
        },
      },
    });
    this.#run = run;
    void run.done.then((result) => {
      if (generation !== this.#generation) return;
      this.#ended = result;
      this.#paused = null;
      this.#setBusy(false);
      this.#render();
      first();
    });
    return arrived;
  }

  #took(record: StepRecord) {
    this.#records.push(record);
    this.#names.set(record.thread, record.name);
    if (record.op === "print" && record.text !== undefined)
      for (const text of record.text.split("\n")) this.#output.push({ stream: "stdout", text });
    const object = record.object ?? "";
    if (record.op === "set" || record.op === "clear") this.#events.set(object, record.op === "set");
    if (/Queue \d+$/.test(object)) {
      const q = this.#queues.get(object) ?? { puts: 0, gets: 0 };
      if (record.op === "put") q.puts++;
      if (record.op === "get") q.gets++;
      if (record.op === "timeout") {
        const last = this.#lastOp.get(record.thread);
        if (last === "put") q.puts--;
        if (last === "get") q.gets--;
      }
      this.#queues.set(object, q);
    }
    if (record.op !== "wake" && record.op !== "timeout") this.#lastOp.set(record.thread, record.op);
  }

  #setBusy(busy: boolean) {
    this.#busy = busy;
    this.#panel.dataset.state = busy ? "busy" : this.#paused ? "paused" : "ended";
    for (const b of this.#panel.querySelectorAll<HTMLButtonElement>("button[data-step]"))
      b.disabled = busy && b.dataset.step !== "reset";
  }

  async #act(action: string, thread: number): Promise<void> {
    if (action === "thread") {
      if (!this.#paused || this.#busy || !this.#run) return;
      if (this.#plan && this.#plan[this.#records.length] !== thread) this.#plan = null;
      // The button is disabled until the step is taken, which takes the focus from it.
      if (this.#q(".step-threads").contains(document.activeElement)) this.#refocus = String(thread);
      this.#setBusy(true);
      this.#run.steer(thread);
      return;
    }
    if (action === "follow") {
      const next = this.#plan?.[this.#records.length];
      if (next !== undefined) return this.#act("thread", next);
      return;
    }
    if (action === "undo") {
      if (this.#records.length <= 1) return;
      const prefix = this.#records.slice(0, -1).map((r) => r.thread);
      await this.#start(prefix);
      this.#status(
        `Undone: back to step ${prefix.length}, by replaying the ${prefix.length} steps before it.`,
      );
      this.#focusThreads();
      return;
    }
    if (action === "reset") {
      this.#plan = null;
      await this.#start([]);
      this.#status("Reset: back to the start.");
      return;
    }
    if (action === "end") {
      if (!this.#run || !this.#paused) return;
      this.#setBusy(true);
      if (this.#plan) {
        await this.#start(this.#plan, { pause: false });
        return;
      }
      const seed = 1 + Math.floor(Math.random() * 1_000_000);
      this.#status(`Running to the end with the random scheduler (seed ${seed})…`);
      this.#run.finish(seed);
      return;
    }
    if (action === "find") return this.#find();
  }

  #focusThreads() {
    this.#q<HTMLButtonElement>(".step-thread button:not([disabled])")?.focus();
  }

  /** PCT, run after run, until one fails a check (or deadlocks); then that schedule is loaded. */
  async #find() {
    this.stop();
    const generation = this.#generation;
    this.#setBusy(true);
    const checks = this.#checks;
    let longest = 0;
    const codeOnly = new Map<string, string>();
    const aside = () =>
      [...codeOnly]
        .map(
          ([title, reason]) =>
            ` (The check "${title}" fails in every schedule, since it reads the code: ${reason}.)`,
        )
        .join("");
    for (let i = 1; i <= FIND_RUNS; i++) {
      // PCT at bug depths 2, 3 and 4 in turn, and every other run a uniformly random
      // one: PCT finds an ordering deep in a long run, random the many-windowed races.
      const scheduler = i % 2 === 1 ? "pct" : "random";
      const depth = 2 + (((i - 1) >> 1) % 3);
      const how = scheduler === "pct" ? `PCT, d = ${depth}, seed ${i}` : `random, seed ${i}`;
      this.#status(`Searching: run ${i} of ${FIND_RUNS} (${how})…`);
      const schedule: number[] = [];
      const stdout: string[] = [];
      const trace: TraceEvent[] = [];
      const run = startRun(this.#url, {
        timeoutMs: 60_000,
        onLine: (line) => {
          if (line.stream === "stdout") stdout.push(line.text);
        },
        onTrace: (event) => trace.push(event),
        step: {
          scheduler,
          seed: i,
          depth,
          steps: Math.max(longest, 30),
          limit: 20_000,
          onStep: (r) => schedule.push(r.thread),
        },
      });
      this.#run = run;
      const result = await run.done;
      if (generation !== this.#generation) return;
      longest = Math.max(longest, schedule.length);
      let failure: string | null = null;
      if (result.step?.end === "deadlock") failure = "the run deadlocked";
      else if (result.step?.end === "stuck" || result.step?.end === "failed") {
        this.#setBusy(false);
        this.#status(
          `The search stopped: ${result.step.report?.split("\n")[0] ?? "the run could not be stepped"}`,
          "warn",
        );
        return;
      } else if (checks && result.reason === "finished") {
        const run: CheckRun = {
          lines: stdout,
          language: "typescript",
          trace: trace as unknown as CheckRun["trace"],
          source: this.#source,
        };
        // A check that reads only the code (lesson 8's "wait in a while loop") fails
        // whatever the schedule: noted once, and the search goes on for one that a
        // schedule breaks. Such a check judges a run with no output by the code:
        // the lesson's own code passes it, this code does not.
        const blank = { ...run, lines: [], trace: [] };
        const mine = judge(checks, blank);
        const theirs = judge(checks, { ...blank, source: this.#original });
        const reasonOf = (vs: typeof mine, title: string) => {
          const v = vs.find((x) => x.title === title);
          return v && !v.passed ? v.reason : null;
        };
        for (const v of judge(checks, run)) {
          if (v.passed) continue;
          const code = reasonOf(mine, v.title);
          if (code === v.reason && reasonOf(theirs, v.title) !== code) {
            codeOnly.set(v.title, v.reason);
            continue;
          }
          failure = `the check "${v.title}" failed (${v.says}): ${v.reason}`;
          break;
        }
      } else if (result.reason !== "finished") failure = `the run ended with an error`;
      if (failure) {
        this.#plan = schedule;
        await this.#start([]);
        this.#status(
          `Found a failing schedule on run ${i} (${how}, ${schedule.length} steps): ${failure}. ` +
            `Follow the schedule step by step with "Follow the failing schedule", or choose your own. ` +
            `Schedule: ${formatSchedule(schedule)}${aside()}`,
          "warn",
        );
        return;
      }
    }
    this.#setBusy(false);
    await this.#start([]);
    this.#status(
      `Tried ${FIND_RUNS} schedules (PCT and random): none failed a check${checks ? "" : " (this lesson has none)"}, and none deadlocked.${aside()}`,
      codeOnly.size ? "warn" : "ok",
    );
  }

  // ——— Drawing ———

  #nameOf(thread: number): string {
    return this.#names.get(thread) ?? `thread ${thread}`;
  }

  #colorOf(thread: number): number {
    return (thread - 1) % COLORS;
  }

  #cell(array: number, index: number): number | undefined {
    const a = this.#arrays.get(array);
    return a ? Number(a.view[index]) : undefined;
  }

  #render() {
    const paused = this.#paused;
    const count = this.#records.length;
    this.#q("output.step-count").textContent = String(count);
    this.#renderThreads(paused);
    this.#renderCode();
    this.#renderShared();
    this.#renderOutput();
    this.#renderLog();
    const undo = this.#q<HTMLButtonElement>('[data-step="undo"]');
    undo.disabled = this.#busy || count <= 1;
    const end = this.#q<HTMLButtonElement>('[data-step="end"]');
    end.disabled = this.#busy || !paused;
    const follow = this.#q<HTMLButtonElement>('[data-step="follow"]');
    const planned = this.#plan?.[count];
    follow.hidden = !this.#plan;
    follow.disabled = this.#busy || !paused || planned === undefined;
    if (this.#plan)
      follow.textContent =
        planned === undefined
          ? "Follow the failing schedule (done)"
          : `Follow the failing schedule (${this.#plan.length - count} steps left)`;
    if (paused) {
      if (!this.#q(".step-status").textContent?.startsWith("Found"))
        this.#status(
          `Paused before step ${count + 1}: choose the thread that takes it.` +
            (paused.enabled.length === 1 ? ` Only ${this.#nameOf(paused.enabled[0]!)} can.` : ""),
        );
    } else if (this.#ended) this.#renderEnd(this.#ended);
  }

  #renderEnd(result: RunResult) {
    const end = result.step?.end;
    if (end === "deadlock" && result.deadlock) {
      void this.#showDeadlock(result.deadlock);
      this.#status(
        `Deadlock after step ${this.#records.length}: every thread is blocked, and none of them can wake another. The cycle is drawn below.`,
        "warn",
      );
      return;
    }
    if (end === "finished") {
      this.#status(`Finished after ${this.#records.length} steps.`, "ok");
      const checks = this.#checks;
      if (checks) {
        const run: CheckRun = {
          lines: this.#output.filter((l) => l.stream === "stdout").map((l) => l.text),
          language: "typescript",
          trace: this.#trace as unknown as CheckRun["trace"],
          source: this.#source,
        };
        showVerdicts(this.#q(".step-checks ul"), judge(checks, run));
        this.#q(".step-checks").hidden = false;
      }
      return;
    }
    if (result.reason === "stopped") return;
    const report = result.step?.report ?? result.error ?? "the run ended";
    this.#status(`The run ended: ${report.split("\n")[0]}`, "warn");
  }

  async #showDeadlock(graph: DeadlockGraph) {
    const { showDeadlock } = await import("./deadlock.ts");
    const section = this.#q(".step-deadlock");
    showDeadlock(section, graph, (wait) => {
      const line = lineOf(wait.site);
      return line ? `main.ts:${line}` : wait.at;
    });
    // Its own ids: the Run panel may show a drawing of its own on the page.
    section.innerHTML = section.innerHTML.replaceAll("run-dl", "step-dl");
    section.hidden = false;
  }

  #looks() {
    return {
      cell: (array: number, index: number) => this.#cell(array, index),
      holder: (lock: string) => {
        const h = this.#locks.get(lock);
        return h ? this.#nameOf(h) : null;
      },
      nameOf: (t: number) => this.#nameOf(t),
    };
  }

  #stateWords(t: PausedThread & { deadlocked?: string | null }): string {
    if (t.deadlocked !== undefined && t.waits)
      return `deadlocked: waits in ${t.waits.op}() for ${t.waits.object}${t.deadlocked ? `, held by ${t.deadlocked}` : ""}`;
    if (t.state === "blocked" && t.waits) {
      const joined = /^Thread (\d+)$/.exec(t.waits.object); // a join waits for the end of a thread (its ident)
      if (joined)
        return `blocked: waits in ${t.waits.op}() for the end of ${this.#nameOf(Number(joined[1]))}`;
      const by = t.waits.holder ? `, held by ${this.#nameOf(t.waits.holder)}` : "";
      return `blocked: waits in ${t.waits.op}() for ${t.waits.object}${by}`;
    }
    if (t.state === "ready") return "ready";
    if (t.state === "ended") return "ended";
    return t.state;
  }

  #renderThreads(paused: Paused | null) {
    const list = this.#q(".step-threads");
    const threads = paused?.threads ?? [];
    const planned = this.#plan?.[this.#records.length];
    const known = new Set(threads.map((t) => t.thread));
    // Once the run is over: the deadlocked threads as the report has them, the others ended.
    const all: (PausedThread & { deadlocked?: string | null })[] = [...threads];
    const stuck = new Map((this.#ended?.deadlock?.threads ?? []).map((t) => [t.name, t]));
    if (!paused)
      for (const [thread, name] of this.#names) {
        if (known.has(thread)) continue;
        const dead = stuck.get(name);
        all.push(
          dead
            ? {
                thread,
                name,
                state: "blocked",
                waits: { object: dead.waitsFor, op: dead.op, holder: 0, site: dead.site },
                deadlocked: dead.heldBy,
              }
            : { thread, name, state: "ended" },
        );
      }
    all.sort((a, b) => a.thread - b.thread);
    // Redrawn at every step: a keyboard user's focus stays on the thread they step.
    const focused =
      this.#refocus ??
      (list.contains(document.activeElement)
        ? (document.activeElement as HTMLElement).dataset.thread
        : undefined);
    this.#refocus = undefined;
    list.innerHTML = all
      .map((t) => {
        const name = this.#nameOf(t.thread);
        const line = lineOf(t.next?.frame ?? t.waits?.site);
        const ready = paused?.enabled.includes(t.thread) ?? false;
        const next =
          t.next && ready
            ? `<p class="step-next"><span class="step-label">Next:</span> <code>${esc(
                nextWords(t.next, this.#lines[(line ?? 0) - 1], this.#looks()),
              )}</code>${line ? ` <span class="step-at">line ${line}</span>` : ""}</p>`
            : line && t.state === "blocked"
              ? `<p class="step-next"><span class="step-at">at line ${line}</span></p>`
              : "";
        const button = ready
          ? `<button type="button" data-step="thread" data-thread="${t.thread}">Step ${esc(name)}</button>` +
            (planned === t.thread
              ? ` <span class="step-planned">next in the failing schedule</span>`
              : "")
          : "";
        return (
          `<li class="step-thread step-c${this.#colorOf(t.thread)}" data-thread="${t.thread}" data-state="${t.state}">` +
          `<p class="step-name"><strong>${esc(name)}</strong> <span class="step-state">${esc(this.#stateWords(t))}</span></p>` +
          `${next}${button}</li>`
        );
      })
      .join("");
    if (focused !== undefined)
      (
        list.querySelector<HTMLElement>(`button[data-thread="${focused}"]`) ??
        list.querySelector<HTMLElement>("button") ??
        this.#q<HTMLElement>('[data-step="undo"]')
      ).focus();
  }

  #renderCode() {
    const pre = this.#q(".step-code pre");
    const marks = new Map<number, { thread: number; name: string }[]>();
    for (const t of this.#paused?.threads ?? []) {
      const line = lineOf(t.next?.frame ?? t.waits?.site);
      if (!line || t.state === "ended") continue;
      const list = marks.get(line) ?? [];
      list.push({ thread: t.thread, name: this.#nameOf(t.thread) });
      marks.set(line, list);
    }
    pre.innerHTML = this.#lines
      .map((text, i) => {
        const here = marks.get(i + 1) ?? [];
        // Above the line, not after it: a long line would push the marker out of view.
        const badges = here.length
          ? `<span class="step-marks"><span class="step-ln" aria-hidden="true"></span>${here
              .map(
                (m) =>
                  `<span class="step-marker step-c${this.#colorOf(m.thread)}">${esc(m.name.replace(/ \(.*\)$/, ""))} next</span>`,
              )
              .join(" ")}</span>`
          : "";
        return `${badges}<span class="step-line${here.length ? " step-line-next" : ""}"><span class="step-ln" aria-hidden="true">${i + 1}</span>${esc(text) || " "}</span>`;
      })
      .join(""); // each line is a block of its own
    // Bring the first marked line into the code's view (the box scrolls, not the page).
    const first = pre.querySelector<HTMLElement>(".step-marks");
    if (first) {
      const top = first.offsetTop - pre.offsetTop;
      if (top < pre.scrollTop || top > pre.scrollTop + pre.clientHeight - 2 * first.offsetHeight)
        pre.scrollTop = Math.max(0, top - pre.clientHeight / 3);
    }
  }

  #renderShared() {
    const body = this.#q(".step-shared tbody");
    const last = this.#records.at(-1);
    const rows: string[] = [];
    for (const a of [...this.#arrays.values()].sort((x, y) => x.id - y.id)) {
      const cells = Math.min(a.view.length, 16);
      for (let i = 0; i < cells; i++) {
        const changed = last?.array === a.id && last.index === i && last.op !== "Atomics.load";
        const value = String(a.view[i]);
        const note = changed
          ? ` <span class="step-changed-note">(changed by step ${last.step}, ${esc(last.name)}: ${last.before} → ${last.after})</span>`
          : "";
        rows.push(
          `<tr${changed ? ' class="step-changed"' : ""} data-cell="${esc(a.name)}[${i}]"><th scope="row"><code>${esc(a.name)}[${i}]</code></th>` +
            `<td>${changed ? `<mark>${value}</mark>` : value}${note}</td></tr>`,
        );
      }
      if (a.view.length > cells)
        rows.push(
          `<tr><th scope="row"><code>${esc(a.name)}</code></th><td>… ${a.view.length - cells} more cells</td></tr>`,
        );
    }
    for (const [lock, holder] of this.#locks)
      rows.push(
        `<tr data-cell="${esc(lock)}"><th scope="row">${esc(lock)}</th><td>${holder ? `held by ${esc(this.#nameOf(holder))}` : "free"}</td></tr>`,
      );
    for (const [event, set] of this.#events)
      rows.push(
        `<tr data-cell="${esc(event)}"><th scope="row">${esc(event)}</th><td>${set ? "set" : "clear"}</td></tr>`,
      );
    const threads = this.#paused?.threads ?? [];
    for (const [queue, q] of this.#queues) {
      let items = q.puts - q.gets;
      for (const t of threads)
        if (t.state === "blocked" && t.waits?.object === queue)
          items += t.waits.op === "get" ? 1 : t.waits.op === "put" ? -1 : 0;
      rows.push(
        `<tr data-cell="${esc(queue)}"><th scope="row">${esc(queue)}</th><td>${items} item${items === 1 ? "" : "s"}</td></tr>`,
      );
    }
    const waiters = new Map<string, string[]>();
    for (const t of threads)
      if (
        t.state === "blocked" &&
        t.waits &&
        /^(Condition|Semaphore|BoundedSemaphore|Barrier|Event)\b/.test(t.waits.object)
      )
        waiters.set(t.waits.object, [
          ...(waiters.get(t.waits.object) ?? []),
          this.#nameOf(t.thread),
        ]);
    for (const [object, names] of waiters)
      rows.push(
        `<tr><th scope="row">${esc(object)}</th><td>waiting: ${esc(names.join(", "))}</td></tr>`,
      );
    body.innerHTML =
      rows.join("") ||
      `<tr><th scope="row">nothing yet</th><td>no shared array or lock has been used</td></tr>`;
  }

  #renderOutput() {
    const pre = this.#q(".step-output pre");
    pre.innerHTML =
      this.#output.map((l) => `<span class="line ${l.stream}">${esc(l.text)}\n</span>`).join("") ||
      `<span class="step-empty">(nothing printed yet)</span>`;
  }

  #renderLog() {
    const list = this.#q<HTMLOListElement>(".step-log ol");
    const from = Math.max(0, this.#records.length - 200);
    list.start = from + 1;
    list.innerHTML = this.#records
      .slice(from)
      .map((r) => {
        const line = lineOf(r.frame);
        const value =
          r.before !== undefined
            ? ` ${r.op === "Atomics.load" ? `reads ${r.before}` : `${r.before} → ${r.after}`}`
            : "";
        const text = r.text !== undefined && r.op === "print" ? ` "${r.text}"` : "";
        return `<li class="step-c${this.#colorOf(r.thread)}"><strong>${esc(r.name)}</strong> ${esc(r.op)}${r.object ? ` ${esc(r.object)}` : ""}${esc(value)}${esc(text)}${line ? ` <span class="step-at">line ${line}</span>` : ""}</li>`;
      })
      .join("");
    const box = list.parentElement;
    if (box) box.scrollTop = box.scrollHeight;
  }
}
