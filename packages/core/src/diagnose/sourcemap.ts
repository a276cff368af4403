/**
 * Maps a line of a bundle back to its source, for the deadlock report in the
 * browser (Chromium's stacks name the bundle, minified: `main.js:1:5022`).
 * Read only when a report is made: the bundle's source map (`<url>.map`,
 * written by esbuild's `sourcemap: true`) is fetched then, synchronously
 * (a worker may), and decoded once. No map: the bundle's line is kept.
 */

interface Segment {
  column: number;
  source: number;
  line: number;
}

const maps = new Map<string, { sources: string[]; lines: Segment[][] } | null>();

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes a source map's `mappings`: per generated line, its segments (columns ascending). */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  for (const text of mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0; // the generated column restarts on each line
    for (const part of text.split(",")) {
      if (!part) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of part) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      source += fields[1]!;
      line += fields[2]!;
      segments.push({ column, source, line });
    }
    lines.push(segments);
  }
  return lines;
}

function load(url: string): { sources: string[]; lines: Segment[][] } | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: { sources: string[]; lines: Segment[][] } | null = null;
  try {
    const request = new XMLHttpRequest();
    request.open("GET", `${url}.map`, false);
    request.send();
    if (request.status === 200) {
      const raw = JSON.parse(request.responseText) as { sources: string[]; mappings: string };
      const base = new URL(`${url}.map`);
      const sources = raw.sources.map((s) => new URL(s, base).href);
      map = { sources, lines: decodeMappings(raw.mappings) };
    }
  } catch {}
  maps.set(url, map);
  return map;
}

/** `url:line:column` of a bundle → `source:line` when its source map says; else as given. */
export function mapSite(site: string): string {
  if (typeof XMLHttpRequest !== "function") return site;
  const m = /^(.*):(\d+):(\d+)$/.exec(site);
  if (!m || !/\.m?js$/.test(m[1]!)) return site;
  const map = load(m[1]!);
  const segments = map?.lines[Number(m[2]) - 1];
  if (!map || !segments) return site;
  const column = Number(m[3]) - 1;
  let found: Segment | undefined;
  for (const s of segments) if (s.column <= column) found = s;
  return found ? `${map.sources[found.source]}:${found.line + 1}` : site;
}
