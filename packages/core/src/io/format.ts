/**
 * A small `console.log`-style formatter for the browser, where Node's
 * `util.format` is not available: strings as they are, everything else
 * readable and on one line.
 */
export function formatValues(values: unknown[]): string {
  return values.map((v) => (typeof v === "string" ? v : inspect(v, new Set()))).join(" ");
}

function inspect(value: unknown, seen: Set<object>): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (value === null || typeof value !== "object") return String(value);
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  try {
    if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
    if (Array.isArray(value)) return `[ ${value.map((v) => inspect(v, seen)).join(", ")} ]`;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const items = Array.from(value as unknown as ArrayLike<number>, String);
      return `${value.constructor.name}(${items.length}) [ ${items.join(", ")} ]`;
    }
    if (value instanceof Map) {
      const items = [...value].map(([k, v]) => `${inspect(k, seen)} => ${inspect(v, seen)}`);
      return `Map(${value.size}) { ${items.join(", ")} }`;
    }
    if (value instanceof Set)
      return `Set(${value.size}) { ${[...value].map((v) => inspect(v, seen)).join(", ")} }`;
    if (value instanceof Date) return value.toISOString();
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${inspect(v, seen)}`);
    const name =
      value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
    return entries.length ? `${name}{ ${entries.join(", ")} }` : `${name}{}`;
  } finally {
    seen.delete(value);
  }
}
