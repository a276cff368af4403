/**
 * Where a program waits on a condition variable, read from its source text
 * with no compiler, so that the page can run it too: for each
 * `<receiver>.wait(…)` statement, whether a `while` (or `do … while`) loop
 * holds it, so that the condition is checked again after every wake-up.
 * `waits.ts` answers the same question with the TypeScript compiler and
 * Python's `ast`; its test holds this reading to theirs.
 */
import type { Language } from "./programs.ts";

export interface SourceWait {
  /** 1-based line of the call. */
  line: number;
  receiver: string;
  /** True when the call is a statement of a while loop's body. */
  inWhileLoop: boolean;
}

export function sourceWaits(source: string, language: Language, receivers: string[]): SourceWait[] {
  return language === "typescript"
    ? typescriptWaits(source, receivers)
    : pythonWaits(source, receivers);
}

/** The source with comments and string contents blanked (positions and newlines kept). */
function code(source: string): string {
  let out = "";
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  while (i < source.length) {
    const c = source[i]!;
    const two = source.slice(i, i + 2);
    let end = -1;
    if (two === "//")
      end = source.indexOf("\n", i) === -1 ? source.length : source.indexOf("\n", i);
    else if (two === "/*")
      end = source.indexOf("*/", i + 2) === -1 ? source.length : source.indexOf("*/", i + 2) + 2;
    else if (c === '"' || c === "'" || c === "`") {
      end = i + 1;
      while (end < source.length && source[end] !== c) end += source[end] === "\\" ? 2 : 1;
      end = Math.min(end + 1, source.length);
      out += c + blank(source.slice(i + 1, end - 1)) + (end - 1 > i ? source[end - 1] : "");
      i = end;
      continue;
    }
    if (end >= 0) {
      out += blank(source.slice(i, end));
      i = end;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** The index of the bracket that opens the one closing at `close`, scanning back. */
function opening(text: string, close: number): number {
  const pair: Record<string, string> = { ")": "(", "}": "{", "]": "[" };
  const stack: string[] = [];
  for (let i = close; i >= 0; i--) {
    const c = text[i]!;
    if (c in pair) stack.push(pair[c]!);
    else if (c === "(" || c === "{" || c === "[") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** The last non-space character before `at`, and where it is. */
function before(text: string, at: number): { char: string; index: number } {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return { char: i >= 0 ? text[i]! : "", index: i };
}

/** The word that ends at `index` (inclusive). */
function wordAt(text: string, index: number): string {
  let i = index;
  while (i >= 0 && /[\w$]/.test(text[i]!)) i--;
  return text.slice(i + 1, index + 1);
}

/** Whether the statement or block that starts after `prev` is a while loop's body. */
function loopBody(text: string, prev: { char: string; index: number }): boolean {
  if (prev.char === ")") {
    const open = opening(text, prev.index);
    return open >= 0 && wordAt(text, before(text, open).index) === "while";
  }
  return wordAt(text, prev.index) === "do";
}

/** The index of the `{` of the block holding `at`, or -1 at the top level. */
function enclosingBlock(text: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === "}") depth++;
    else if (c === "{") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function typescriptWaits(source: string, receivers: string[]): SourceWait[] {
  const text = code(source);
  const calls: SourceWait[] = [];
  const names = receivers.map((r) => r.replace(/[$]/g, "\\$")).join("|");
  const call = new RegExp(`(?<![\\w$.])(${names})\\s*\\.\\s*wait\\s*\\(`, "g");
  for (const m of text.matchAll(call)) {
    const at = m.index;
    const prev = before(text, at);
    // A statement of its own: after a block's `{`, another statement, or a loop head.
    const statement =
      prev.char === "" ||
      "{};)".includes(prev.char) ||
      /\b(do|else)$/.test(text.slice(0, prev.index + 1));
    let inWhileLoop = false;
    if (statement) {
      if (prev.char === ")" || wordAt(text, prev.index) === "do")
        inWhileLoop = loopBody(text, prev);
      else {
        const block = enclosingBlock(text, at);
        inWhileLoop = block >= 0 && loopBody(text, before(text, block));
      }
    }
    const line = text.slice(0, at).split("\n").length;
    calls.push({ line, receiver: m[1]!, inWhileLoop });
  }
  return calls;
}

function pythonWaits(source: string, receivers: string[]): SourceWait[] {
  const lines = source.split("\n");
  const indent = (l: string) => l.length - l.trimStart().length;
  const meaningful = (l: string) => l.trim() !== "" && !l.trim().startsWith("#");
  const calls: SourceWait[] = [];
  const call = new RegExp(`(?<![\\w.])(${receivers.join("|")})\\.wait\\(`);
  lines.forEach((line, index) => {
    const code = line.replace(/#.*$/, "");
    const m = call.exec(code);
    if (!m) return;
    const own = code.trimStart().startsWith(`${m[1]}.wait(`);
    // `while cond: x.wait()` on one line, or the nearest line indented less.
    const oneLine = /^\s*while\b.*:\s*$/.test(code.slice(0, m.index));
    let inWhileLoop = oneLine;
    if (own && !oneLine) {
      for (let i = index - 1; i >= 0; i--) {
        const above = lines[i]!;
        if (!meaningful(above) || indent(above) >= indent(line)) continue;
        inWhileLoop = /^\s*while\b/.test(above);
        break;
      }
    }
    calls.push({ line: index + 1, receiver: m[1]!, inWhileLoop });
  });
  return calls;
}
