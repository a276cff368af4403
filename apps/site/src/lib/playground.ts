/**
 * The playground of a lesson page, loaded on the first click of its
 * controls: what is run (the lesson's prebuilt bundle, or the code in the
 * editor compiled in the page), the engines that run it (Run, Run many
 * times — each an `Engine`, so that others such as a controlled scheduler
 * can plug in beside them), and what a run leaves on the page: output,
 * timeline, the lesson's checks, the table of outcomes, errors at the
 * learner's line. The editor and the compiler load only when needed.
 */
import {
  type CheckRun,
  count,
  emptyTally,
  judge,
  type LessonChecks,
  lessonChecks,
  showOutcomes,
  showTallyChecks,
  showVerdicts,
} from "./checks.ts";
import type { Place } from "./compile.ts";
import type { Editor } from "./editor.ts";
import { keepEdit, sharedCode, shareLink, storedEdit } from "./keep.ts";
import { type RunEnd, runLesson } from "./runner.ts";

/** A program ready to run: a module URL the host can start, and how to read what it throws. */
export interface Program {
  url: string;
  /** "your code" or "the lesson's code", for captions and statuses. */
  what: string;
  source: string;
  /** Rewrites an output line (an edited program's stack, to the learner's lines); the place found. */
  rewrite(text: string): { text: string; place?: Place };
  release(): void;
}

/** What an engine may use of the page. */
export interface Session {
  readonly program: Program;
  readonly checks: LessonChecks | null;
  readonly timeoutMs: number;
  /** True once Stop was pressed (or the page left) during this engine's work. */
  readonly stopped: boolean;
  status(text: string, tone?: Tone): void;
  /** One run with live output and timeline; resolves with what the checks read. */
  once(): Promise<{ end: RunEnd; run: CheckRun }>;
  /** Reports an error in the learner's code at its place (text and the editor's mark). */
  reportError(message: string, place?: Place): void;
  elements: {
    checksSection: HTMLElement;
    checksList: HTMLElement;
    outcomes: HTMLElement;
  };
}

export interface Engine {
  run(session: Session): Promise<void>;
}

type Tone = "info" | "ok" | "warn";

/** Why this page cannot run threads, or null when it can. */
function isolationProblem(): string | null {
  if (self.crossOriginIsolated) return null;
  const why =
    "Running needs shared memory (SharedArrayBuffer), which the browser gives only to a cross-origin isolated page.";
  if (!self.isSecureContext)
    return `${why} This page was served over plain http, where that cannot be turned on: open it over https or on localhost.`;
  if (!("serviceWorker" in navigator))
    return `${why} This host sends no COOP/COEP headers, and this browser has service workers turned off (a private window?), so the page cannot isolate itself.`;
  return `${why} This host sends no COOP/COEP headers, and the page's service worker that adds them is not active: reload the page. If this message stays, service workers are blocked in this browser.`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

function endSentence(end: RunEnd, timeoutMs: number): [string, Tone] {
  const lines = plural(end.lines, "line");
  if (end.deadlock)
    return [
      `Deadlock: every thread waited for another, so the run was ended (exit code ${end.exitCode}), ${lines}. The cycle is drawn below.`,
      "warn",
    ];
  if (end.reason === "finished")
    return [
      `Finished (exit code ${end.exitCode}), ${lines}. Run it again: the order may change.`,
      end.exitCode === 0 ? "ok" : "warn",
    ];
  if (end.reason === "stopped")
    return [`Stopped: every worker of the run was ended. ${lines}.`, "info"];
  if (end.reason === "timeout")
    return [
      `Stopped after ${timeoutMs / 1000} s: the time limit for a run in the page. A loop that never ends runs until then, or until Stop.`,
      "warn",
    ];
  return [`The run failed: ${end.error ?? "unknown error"}`, "warn"];
}

/** Run: once, with the checks judged on it. */
export const runOnce: Engine = {
  async run(session) {
    const { end, run } = await session.once();
    const [text, tone] = endSentence(end, session.timeoutMs);
    session.status(text, tone);
    if (session.checks && end.reason !== "stopped") {
      showVerdicts(session.elements.checksList, judge(session.checks, run));
      session.elements.checksSection.hidden = false;
    }
  },
};

/** Run many times: N runs in a row, the distinct outcomes counted, and each check's failures. */
export function runMany(times: number): Engine {
  return {
    async run(session) {
      const checks = session.checks ?? { checks: {} };
      const tally = emptyTally(checks);
      const reasons: Record<string, string> = {};
      session.elements.outcomes.hidden = false;
      for (let i = 1; i <= times && !session.stopped; i++) {
        session.status(`Run ${i} of ${times}…`);
        const { end, run } = await session.once();
        if (end.reason === "stopped") break;
        for (const v of count(tally, checks, run, end.reason === "finished"))
          if (!v.passed) reasons[v.title] = v.reason;
        showOutcomes(session.elements.outcomes, tally, session.program.what, times);
        showTallyChecks(session.elements.checksList, tally, reasons);
        session.elements.checksSection.hidden = Object.keys(checks.checks).length === 0;
      }
      const distinct = plural(tally.outcomes.length, "distinct outcome");
      session.status(
        session.stopped
          ? `Stopped after ${plural(tally.runs, "run")}: ${distinct} so far.`
          : `${plural(tally.runs, "run")}, ${distinct}: each run is one of many possible.`,
        "ok",
      );
    },
  };
}

export class Playground {
  readonly #el: HTMLElement;
  readonly #lesson: string;
  readonly #original: string;
  #editor: Editor | null = null;
  #opening: Promise<Editor> | null = null;
  #stop: (() => void) | null = null;
  #stopped = false;
  #busy = false;
  #checks: Promise<LessonChecks | null>;

  constructor(el: HTMLElement) {
    this.#el = el;
    this.#lesson = el.dataset.lesson ?? "";
    this.#original =
      el.querySelector<HTMLTemplateElement>(".run-source")?.content.textContent ?? "";
    this.#checks = lessonChecks(this.#lesson).catch(() => null);
  }

  #q<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.#el.querySelector<T>(selector)!;
  }

  #status(text: string, tone: Tone = "info") {
    const el = this.#q(".run-status");
    el.textContent = text;
    el.dataset.tone = tone;
  }

  /** Opens the editor where the sample is shown: with `code`, or the kept edit, or the lesson's code. */
  async openEditor(code?: string, focus = true): Promise<Editor> {
    if (this.#editor) {
      if (code !== undefined) this.#editor.replace(code);
      if (focus) this.#editor.focus();
      return this.#editor;
    }
    this.#opening ??= (async () => {
      const started = performance.now();
      // The status keeps its height while the editor opens: its shorter
      // messages would otherwise pull the page below it up, then push it
      // down again as the editor draws (a layout shift under the reader's eyes).
      const status = this.#q(".run-status");
      status.style.minHeight = `${status.getBoundingClientRect().height}px`;
      this.#status("Loading the editor…");
      const { createEditor } = await import("./editor.ts");
      const sample = this.#el.previousElementSibling as HTMLElement | null; // the lesson's code block
      const mount = document.createElement("div");
      mount.className = "run-editor not-content";
      const title = document.createElement("p");
      title.className = "run-editor-title";
      title.textContent = "src/main.ts, yours to edit";
      mount.append(title);
      const marked = (this.#el.dataset.marked ?? "").split(",").flatMap((r) => {
        const [a, b = a] = r.split("-").map(Number);
        return a && b ? Array.from({ length: b - a + 1 }, (_, i) => a + i) : [];
      });
      // CodeMirror loads in several short tasks; the sample stays in place until it draws.
      const editor = await createEditor(mount, {
        doc: code ?? storedEdit(this.#lesson) ?? this.#original,
        marked,
        onChange: (text) => this.#changed(text),
        attach: () => {
          if (sample?.classList.contains("expressive-code")) {
            // The editor takes at least the sample's room, so that the page
            // below does not jump as one takes the other's place (its lines
            // are shorter, and they wrap where the sample's scroll).
            mount.style.minHeight = `${sample.getBoundingClientRect().height}px`;
            sample.hidden = true;
          }
          this.#el.before(mount);
        },
      });
      for (const s of [".run-reset", ".run-share"]) this.#q(s).hidden = false;
      this.#q(".run-edit").hidden = true;
      this.#el.dataset.editing = "true";
      this.#el.dataset.editorMs = String(Math.round(performance.now() - started));
      this.#status("Edit the code, then Run it. Your edit is kept in this browser.");
      this.#editor = editor;
      return editor;
    })();
    const editor = await this.#opening;
    if (code !== undefined) editor.replace(code);
    this.#changed(editor.text());
    if (focus) editor.focus();
    return editor;
  }

  #changed(text: string) {
    keepEdit(this.#lesson, text, this.#original);
    this.#el.dataset.edited = String(text !== this.#original);
  }

  #restoring: Promise<void> | null = null;

  /** At load: a Share link's code, or the learner's kept edit, opens in the editor (once). */
  restore(): Promise<void> {
    this.#restoring ??= this.#restore();
    return this.#restoring;
  }

  async #restore(): Promise<void> {
    const shared = await sharedCode();
    const kept = storedEdit(this.#lesson);
    if (shared !== null) {
      await this.openEditor(shared, false);
      // Kept now like any edit: a reload must not bring the link's code back over later edits.
      history.replaceState(history.state, "", location.pathname + location.search);
    } else if (kept !== null) await this.openEditor(undefined, false);
    if (shared !== null || kept !== null)
      this.#status("Your edit of this sample is back. Reset to the lesson's code to start over.");
  }

  async #program(): Promise<Program | null> {
    const source = this.#editor?.text() ?? this.#original;
    if (this.#editor === null || source === this.#original) {
      return {
        url: this.#el.dataset.module!,
        what: "the lesson's code",
        source,
        rewrite: (text) => ({ text }),
        release() {},
      };
    }
    // The compiler loads at the first Run of an edit (not on Edit: it would
    // add its weight to the editor's start-up).
    const { compile, learnerStack } = await import("./compile.ts");
    const compiled = compile(source, new URL("/runs/core.js", location.href).href);
    if (!compiled.ok) {
      this.reportError(
        `Syntax error at line ${compiled.place.line}, column ${compiled.place.column}: ${compiled.message}.`,
        compiled.place,
      );
      return null;
    }
    return {
      url: compiled.url,
      what: "your code",
      source,
      rewrite: (text) => learnerStack(text, compiled.url, compiled.toLearner),
      release: compiled.revoke,
    };
  }

  reportError(message: string, place?: Place) {
    const el = this.#q(".run-error");
    el.textContent = message;
    el.hidden = false;
    this.#editor?.markError(place?.line ?? null);
  }

  #clearError() {
    this.#q(".run-error").hidden = true;
    this.#editor?.markError(null);
  }

  async act(action: string): Promise<void> {
    if (action === "stop") return this.stop();
    if (action === "edit") {
      await this.openEditor();
      return;
    }
    if (action === "reset") {
      (await this.openEditor()).replace(this.#original);
      this.#clearError();
      this.#status("Back to the lesson's code.");
      return;
    }
    if (action === "share") return this.#share();
    if (action === "step") return this.#stepThrough();
    if (action === "run") return this.#start(runOnce);
    if (action === "many") {
      const input = this.#q<HTMLInputElement>(".run-count");
      const times = Math.round(Number(input.value));
      if (!(times >= 1 && times <= 200)) {
        this.#status("Run many times takes a number of runs from 1 to 200.", "warn");
        input.focus();
        return;
      }
      return this.#start(runMany(times));
    }
  }

  async #share() {
    const code = (await this.openEditor(undefined, false)).text();
    const link = await shareLink(code);
    const box = this.#q(".run-share-link");
    const input = box.querySelector("input")!;
    input.value = link;
    box.hidden = false;
    try {
      await navigator.clipboard.writeText(link);
      this.#status("The Share link, with your code in it, is copied.", "ok");
    } catch {
      this.#status("Here is the Share link, with your code in it: copy it from the box.", "ok");
    }
    input.select();
  }

  stop() {
    this.#stopped = true;
    this.#stop?.();
    this.#stepper?.then((s) => s.stop());
  }

  #stepper: Promise<import("./step-view.ts").Stepper> | null = null;

  /** Whether this page can step through its code (the lesson supports stepping). */
  get canStep(): boolean {
    return this.#el.querySelector(".step-panel") !== null;
  }

  /** Step through the editor's code along `follow.schedule` (an exercise's Check found it). */
  stepThroughSchedule(follow: import("./step-view.ts").Follow): Promise<void> {
    return this.#stepThrough(follow);
  }

  /** Step through (its own panel, `step-view.ts`): the code as it is in the editor now. */
  async #stepThrough(follow?: import("./step-view.ts").Follow) {
    const problem = isolationProblem();
    if (problem) return this.#status(problem, "warn");
    const panel = this.#q(".step-panel");
    const source = this.#editor?.text() ?? this.#original;
    this.#stepper ??= Promise.all([import("./step-view.ts"), this.#checks]).then(
      ([m, checks]) =>
        new m.Stepper(panel, {
          checks,
          stepping: JSON.parse(panel.dataset.stepping!),
          original: this.#original,
        }),
    );
    const what = source === this.#original ? "the lesson's code" : "your code";
    await (await this.#stepper).open(source, what, follow);
  }

  /** Runs `engine` on the editor's code, as Run does (the exercises' Check is one). */
  runEngine(engine: Engine): Promise<void> {
    return this.#start(engine);
  }

  /** Whether a run is going on now. */
  get busy(): boolean {
    return this.#busy;
  }

  async #start(engine: Engine): Promise<void> {
    if (this.#busy) return;
    const problem = isolationProblem();
    if (problem) {
      this.#status(problem, "warn");
      return;
    }
    this.#busy = true;
    this.#stopped = false;
    this.#clearError();
    this.#q(".run-status").style.minHeight = ""; // a run's messages take the room they need
    const startBtn = this.#q<HTMLButtonElement>(".run-start");
    const manyBtn = this.#q<HTMLButtonElement>(".run-many");
    const stopBtn = this.#q<HTMLButtonElement>(".run-stop");
    const hadFocus = document.activeElement === startBtn || document.activeElement === manyBtn;
    startBtn.disabled = manyBtn.disabled = true;
    this.#el.dataset.state = "running";
    let program: Program | null = null;
    try {
      program = await this.#program();
      if (program === null) {
        this.#el.dataset.state = "error";
        return;
      }
      const checks = await this.#checks;
      const result = this.#q(".run-result");
      result.hidden = false;
      this.#q(".run-outcomes").hidden = true;
      this.#q(".run-checks").hidden = true;
      stopBtn.hidden = false;
      if (hadFocus) stopBtn.focus();
      this.#status("Running…");
      let last: RunEnd | undefined;
      const session = this.#session(program, checks, (end) => {
        last = end;
      });
      await engine.run(session);
      this.#el.dataset.state = last?.reason ?? "stopped";
    } catch (error) {
      this.#el.dataset.state = "error";
      this.#status(`Could not run: ${(error as Error).message}`, "warn");
    } finally {
      program?.release();
      this.#stop = null;
      this.#busy = false;
      startBtn.disabled = manyBtn.disabled = false;
      if (document.activeElement === stopBtn) startBtn.focus(); // Stop goes with the run
      stopBtn.hidden = true;
    }
  }

  #session(program: Program, checks: LessonChecks | null, ended: (end: RunEnd) => void): Session {
    const self = this;
    const timeoutMs = Number(this.#el.dataset.timeout) || 10_000;
    return {
      program,
      checks,
      timeoutMs,
      get stopped() {
        return self.#stopped;
      },
      status: (text, tone) => this.#status(text, tone),
      reportError: (message, place) => this.reportError(message, place),
      elements: {
        checksSection: this.#q(".run-checks"),
        checksList: this.#q(".run-checks ul"),
        outcomes: this.#q(".run-outcomes"),
      },
      once: async () => {
        let thrown: { place: Place; message: string } | undefined;
        let message = "";
        const live = runLesson(
          program.url,
          {
            lines: this.#q(".run-terminal .terminal-lines"),
            timeline: this.#q(".run-timeline"),
            table: this.#q(".run-timeline-table"),
          },
          {
            timeoutMs,
            rewrite: (line) => {
              const { text, place } = program.rewrite(line.text);
              // The error's message is the last line before its first frame in the learner's code.
              if (line.stream === "stderr" && !thrown) {
                for (const l of text.split("\n")) {
                  if (place && l.includes(`:${place.line}:${place.column}`)) {
                    thrown = { place, message };
                    break;
                  }
                  if (l.trim() && !/^\s+at /.test(l)) message = l.trim();
                }
              }
              return text;
            },
          },
        );
        this.#stop = live.stop;
        const deadlock = this.#q(".run-deadlock");
        deadlock.hidden = true;
        deadlock.replaceChildren();
        const end = await live.done;
        this.#stop = null;
        if (end.deadlock) {
          // The drawing's code loads only now: most runs never need it.
          const { showDeadlock } = await import("./deadlock.ts");
          showDeadlock(deadlock, end.deadlock, (wait) => {
            const { place } = program.rewrite(wait.site);
            return place ? `main.ts:${place.line}` : wait.at;
          });
        }
        ended(end);
        if (thrown) {
          const { line, column } = thrown.place;
          this.reportError(
            `Your code threw an error at line ${line}, column ${column}${thrown.message ? `: ${thrown.message}` : ""}.`,
            thrown.place,
          );
        }
        const run: CheckRun = {
          lines: end.stdout,
          language: "typescript",
          // Core's events, read as the checks read a terminal run's trace file.
          trace: end.trace as unknown as CheckRun["trace"],
          source: program.source,
        };
        return { end, run };
      },
    };
  }
}
