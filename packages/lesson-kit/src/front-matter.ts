/**
 * Reads a lesson's front matter: the `---` block at the top of lesson.md.
 * Lessons keep it to one `key: value` per line (a string, a quoted string or
 * a JSON-style list), which is plain YAML to the site, and strict enough here
 * that a line this reader cannot place is reported rather than guessed at.
 */

export type FrontMatterValue = string | Array<number | string>;

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  /** Lines that are not `key: value`, with their line numbers in the file. */
  problems: string[];
  /** The text after the front matter. */
  body: string;
}

const LINE = /^([A-Za-z][\w-]*):\s*(.*)$/;

export function readFrontMatter(text: string): FrontMatter {
  const lines = text.split("\n");
  if (lines[0]?.trim() !== "---") {
    return {
      data: {},
      problems: ["lesson.md must start with a --- front matter block"],
      body: text,
    };
  }
  const end = lines.indexOf("---", 1);
  if (end === -1) {
    return { data: {}, problems: ["lesson.md: the front matter has no closing ---"], body: text };
  }
  const data: Record<string, FrontMatterValue> = {};
  const problems: string[] = [];
  for (let i = 1; i < end; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const match = LINE.exec(line);
    const value = match ? parseValue(match[2]!.trim()) : undefined;
    if (!match || value === undefined) {
      problems.push(
        `lesson.md line ${i + 1}: cannot read "${line}" — write each key on one line as key: value`,
      );
      continue;
    }
    if (match[1]! in data) problems.push(`lesson.md line ${i + 1}: "${match[1]}" is given twice`);
    data[match[1]!] = value;
  }
  return { data, problems, body: lines.slice(end + 1).join("\n") };
}

function parseValue(raw: string): FrontMatterValue | undefined {
  try {
    if (raw.startsWith("[")) {
      const list: unknown = JSON.parse(raw);
      return Array.isArray(list) &&
        list.every((x) => typeof x === "number" || typeof x === "string")
        ? list
        : undefined;
    }
    if (raw.startsWith('"')) return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
  if (raw.startsWith("'")) {
    return raw.endsWith("'") && raw.length > 1 ? raw.slice(1, -1).replaceAll("''", "'") : undefined;
  }
  // A plain YAML string; block scalars (| >) and nested maps are not used in lessons.
  if (raw === "" || /^[|>{&*!%@`]/.test(raw) || / #|: /.test(raw)) return undefined;
  return raw;
}
