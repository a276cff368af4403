/**
 * Step through, in words: what a lesson's `stepping:` front matter says,
 * the cut-down counts the page steps a big program with, and each step as
 * a sentence read off the learner's own line ("`Atomics.load(counter, 0)`
 * — reads 41"). Pure functions: the page view (`step-view.ts`) and the
 * build (the lesson page's note) both use them.
 */

/** What the page does with a lesson's program when stepping. */
export type Stepping =
  | { kind: "as-is" }
  | { kind: "none"; why: string }
  | { kind: "cut"; counts: Record<string, number>; why: string };

/**
 * Reads `stepping:` from lesson.md's front matter: absent (the program is
 * stepped as it is), `none — <why>`, or `cut NAME = n, NAME = n — <why>`
 * (the page steps the code with those top-level constants set to n).
 */
export function readStepping(value: unknown): Stepping {
  if (typeof value !== "string" || value.trim() === "") return { kind: "as-is" };
  const [head = "", ...rest] = value.split(/\s+[—–-]\s+/);
  const why = rest.join(" — ").trim();
  if (/^none\b/.test(head)) return { kind: "none", why: why || "it cannot be stepped" };
  const cut = /^cut\s+(.+)$/.exec(head.trim());
  if (!cut)
    throw new Error(`stepping: is "none — <why>" or "cut NAME = n, … — <why>", not "${value}"`);
  const counts: Record<string, number> = {};
  for (const part of cut[1]!.split(",")) {
    const m = /^\s*([A-Za-z_$][\w$]*)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw new Error(`stepping: cut takes NAME = n pairs, not "${part.trim()}"`);
    counts[m[1]!] = Number(m[2]);
  }
  return { kind: "cut", counts, why };
}

/** `THREADS = 2, ADDS = 3`. */
export const countsText = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([name, n]) => `${name} = ${n}`)
    .join(", ");

/**
 * The source with each `const NAME = <number>` (at the start of a line) set
 * to the cut count, on the same line, so every line keeps its number; and the
 * names it did not find (the learner may have renamed or removed them).
 */
export function cutSource(
  source: string,
  counts: Record<string, number>,
): { source: string; missing: string[] } {
  let out = source;
  const missing: string[] = [];
  for (const [name, n] of Object.entries(counts)) {
    const re = new RegExp(
      `^(\\s*(?:export\\s+)?const\\s+${name}\\s*(?::\\s*number\\s*)?=\\s*)[\\d_]+(?:\\.\\d+)?`,
      "m",
    );
    if (re.test(out)) out = out.replace(re, `$1${n}`);
    else missing.push(name);
  }
  return { source: out, missing };
}

/** The line number in a site `url:line:column` (or `file:line`). */
export function lineOf(site: string | undefined): number | null {
  const m = /:(\d+)(?::\d+)?$/.exec(site ?? "");
  return m ? Number(m[1]) : null;
}

/** The variable an array was made into on its line (`const counter = sharedInt32(1)` → `counter`). */
export function arrayName(line: string | undefined): string | null {
  const m = /([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*shared(?:Int32|Float64|Uint8)\s*\(/.exec(
    line ?? "",
  );
  return m ? m[1]! : null;
}

/** The call on a line that a step is (`Atomics.load(counter, 0)`, `lock.hold()`), or null. */
export function callOn(line: string | undefined, op: string): string | null {
  if (!line) return null;
  const method = op.startsWith("Atomics.")
    ? op.replace(".", "\\.")
    : op === "acquire"
      ? "[\\w$.]+\\.(?:hold|acquire)"
      : op === "release"
        ? "[\\w$.]+\\.release"
        : op === "print"
          ? "print"
          : `[\\w$.]+\\.${op}`;
  const m = new RegExp(`(${method})\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)`).exec(line);
  return m ? `${m[1]}(${m[2]})` : null;
}

export interface NextStep {
  op: string;
  object?: string;
  values?: number[];
  array?: number;
  index?: number;
}

export interface Looks {
  /** The value in a shared array's cell now. */
  cell(array: number, index: number): number | undefined;
  /** Who holds a lock now (a name), or null. */
  holder(lock: string): string | null;
  nameOf(thread: number): string;
}

const WORDS: Record<string, string> = {
  "thread-start": "starts running",
  "thread-end": "ends",
  wake: "wakes: what it waited for has changed",
  timeout: "times out",
  start: "starts",
  join: "waits for the end of",
  sleep: "sleeps",
};

/** A thread's next step in words: the call on its line and what it will do. */
export function nextWords(next: NextStep, line: string | undefined, looks: Looks): string {
  const call = callOn(line, next.op) ?? (next.op.startsWith("Atomics.") ? next.op : null);
  const what = next.object ?? "";
  if (next.op.startsWith("Atomics.")) {
    const now =
      next.array !== undefined && next.index !== undefined
        ? looks.cell(next.array, next.index)
        : undefined;
    const verb = next.op.slice("Atomics.".length);
    const v = next.values?.[0];
    const tail =
      verb === "load"
        ? now === undefined
          ? "reads the cell"
          : `reads ${now}`
        : verb === "store"
          ? `writes ${v}${now === undefined ? "" : ` over ${now}`}`
          : v === undefined
            ? `on ${what}`
            : `${verb} ${v}${now === undefined ? "" : ` to ${now}`}`;
    return `${call ?? next.op} — ${tail}`;
  }
  if (next.op === "acquire") {
    const by = looks.holder(what);
    return `${call ?? "acquire"} — ${what} ${by ? `is held by ${by}` : "is free"}`;
  }
  if (next.op === "release") return `${call ?? "release"} — lets go of ${what}`;
  if (next.op === "print") return `${call ?? "print"} — prints a line`;
  const word = WORDS[next.op];
  if (word) return `${word}${what && next.op !== "wake" ? ` ${what.replace(/^Thread /, "")}` : ""}`;
  return `${call ?? next.op}${what ? ` — ${next.op} on ${what}` : ""}`;
}
