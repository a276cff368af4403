/**
 * Splits lesson prose at its marker lines (`<!-- sample -->`, `<!-- output -->`,
 * `<!-- timeline -->`, `<!-- python -->`). A marker left out is placed after
 * the prose's first section: before its second heading, or at the end.
 * `<!-- demo -->` places the lesson's live demo (a component in
 * `src/components/demos/<slug>.astro`); it is optional, so never placed
 * where it is left out.
 */

export const PARTS = ["sample", "output", "timeline", "python"] as const;
export const OPTIONAL_PARTS = ["demo"] as const;
export type Part = (typeof PARTS)[number] | (typeof OPTIONAL_PARTS)[number];

export type Segment = { kind: "prose"; markdown: string } | { kind: Part };

const MARKER = /^[ \t]*<!--\s*(sample|output|timeline|python|demo)\s*-->[ \t]*$/;
const HEADING = /^#{1,6}\s/;
const FENCE = /^\s*(```|~~~)/;

export function splitProse(markdown: string): Segment[] {
  const lines = markdown.split(/\r?\n/);
  const segments: Segment[] = [];
  const seen = new Set<Part>();
  let buffer: string[] = [];
  let inFence = false;
  let sawContent = false;
  /** Index into `segments` where missing parts go; -1 until the first section ends. */
  let firstSectionEnd = -1;

  const flush = () => {
    const text = buffer.join("\n").trim();
    if (text) segments.push({ kind: "prose", markdown: text });
    buffer = [];
  };

  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    const marker = inFence ? null : MARKER.exec(line);
    if (marker) {
      flush();
      const part = marker[1] as Part;
      if (!seen.has(part)) segments.push({ kind: part });
      seen.add(part);
      sawContent = true;
      continue;
    }
    if (!inFence && HEADING.test(line) && sawContent && firstSectionEnd < 0) {
      flush();
      firstSectionEnd = segments.length;
    }
    if (line.trim()) sawContent = true;
    buffer.push(line);
  }
  flush();

  const missing: Segment[] = PARTS.filter((p) => !seen.has(p)).map((kind) => ({ kind }));
  const at = firstSectionEnd < 0 ? segments.length : firstSectionEnd;
  segments.splice(at, 0, ...missing);
  return segments;
}
