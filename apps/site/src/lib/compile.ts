/**
 * Compiles a learner's TypeScript in the page: types stripped by Sucrase
 * (which keeps every line where it was), `@unravel/core` pointed at the
 * site's prebuilt core (`/runs/core.js`), the result a `blob:` module URL
 * that the host runs like a lesson bundle. Positions in what it throws map
 * back to the learner's line and column through Sucrase's source map.
 */
import { transform } from "sucrase";

/** The file name errors show for the learner's code. */
export const LEARNER_FILE = "main.ts";

export interface Place {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type Compiled =
  | { ok: true; url: string; toLearner(place: Place): Place; revoke(): void }
  | { ok: false; message: string; place: Place };

const CORE = "@unravel/core";

export function compile(source: string, coreUrl: string): Compiled {
  let result: ReturnType<typeof transform>;
  try {
    result = transform(source, {
      transforms: ["typescript"],
      disableESTransforms: true, // the browser runs modern JS, `using` included
      filePath: LEARNER_FILE,
    });
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    // Sucrase ends its message with "(line:column)"; the place is written out instead.
    const message = e.message.replace(/\s*\(\d+:\d+\)$/, "");
    return { ok: false, message, place: { line: e.loc?.line ?? 1, column: e.loc?.column ?? 1 } };
  }
  const lines = result.code.split("\n");
  const specifier = /(\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"']+)\2/g;
  for (let i = 0; i < lines.length; i++) {
    let wrong: { name: string; column: number } | undefined;
    lines[i] = lines[i]!.replace(
      specifier,
      (whole, lead: string, quote: string, name: string, at: number) => {
        if (name === CORE) return `${lead}${quote}${coreUrl}${quote}`;
        wrong ??= { name, column: at + lead.length + 1 };
        return whole;
      },
    );
    if (wrong) {
      return {
        ok: false,
        message: `only "${CORE}" can be imported in the page, not "${wrong.name}"`,
        place: { line: i + 1, column: wrong.column },
      };
    }
  }
  const learnerLines = source.split("\n");
  const url = URL.createObjectURL(new Blob([lines.join("\n")], { type: "text/javascript" }));
  return {
    ok: true,
    url,
    toLearner: ({ line, column }) => ({
      line,
      column: learnerColumn(learnerLines[line - 1] ?? "", lines[line - 1] ?? "", column),
    }),
    revoke: () => URL.revokeObjectURL(url),
  };
}

/**
 * The learner's column of a column in a compiled line. Sucrase keeps lines
 * but its source map marks only where each line starts; within a line it
 * only takes text out (the types), so the compiled line is a subsequence of
 * the learner's, and walking both from the left finds each character's place.
 */
function learnerColumn(original: string, compiled: string, column: number): number {
  let o = 0;
  for (let c = 0; c < compiled.length; c++) {
    while (o < original.length && original[o] !== compiled[c]) o++;
    if (o >= original.length) return column; // not a subsequence: Sucrase added text, keep the column
    if (c === column - 1) return o + 1;
    o++;
  }
  return column;
}

/** `blob:…:12:5` in a stack line, rewritten to the learner's `main.ts:12:5`; the first such place. */
export function learnerStack(
  text: string,
  url: string,
  toLearner: (place: Place) => Place,
): { text: string; place?: Place } {
  let first: Place | undefined;
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rewritten = text.replace(
    new RegExp(`${escaped}:(\\d+):(\\d+)`, "g"),
    (_, l: string, c: string) => {
      const place = toLearner({ line: Number(l), column: Number(c) });
      first ??= place;
      return `${LEARNER_FILE}:${place.line}:${place.column}`;
    },
  );
  // The deadlock report names a place by the URL's last part and the line
  // (`3f2a…:12`); Sucrase keeps lines, so the line is the learner's.
  const tail = escaped.slice(escaped.lastIndexOf("/") + 1);
  const short = rewritten.replace(
    new RegExp(`(?<![\\w/-])${tail}:(\\d+)(?!:\\d)`, "g"),
    (_, l: string) => `${LEARNER_FILE}:${l}`,
  );
  return { text: short, place: first };
}
