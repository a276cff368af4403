/**
 * A deadlock in the Run panel: the word, the cycle and who waits for what
 * in text, and beside it the wait-for graph drawn in SVG — threads and what
 * they wait for as nodes on a circle, "waits for" and "held by" edges, the
 * cycle's in the accent colour. Loaded only when a run ends in a deadlock;
 * the data is core's (`RunResult.deadlock`), the same as its stderr report.
 */
import type { DeadlockGraph } from "@unravel/core/host";

/** Where each wait is, as the learner reads it (an edited program's blob URL, to main.ts). */
export type PlaceOf = (wait: DeadlockGraph["threads"][number]) => string;

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/** `left → Lock#2 held by right → Lock#1 held by left`, as the terminal's report says it. */
export function cycleText(graph: DeadlockGraph): string {
  const { cycle } = graph;
  if (cycle.length === 0) return "";
  const parts = [cycle[0]!.thread];
  for (let i = 0; i < cycle.length; i++)
    parts.push(`${cycle[i]!.waitsFor} held by ${cycle[(i + 1) % cycle.length]!.thread}`);
  return parts.join(" → ");
}

function waitText(t: DeadlockGraph["threads"][number], at: string): string {
  const held = t.heldBy ? `, held by ${t.heldBy}` : "";
  return `${t.name} waits in ${t.op}() for ${t.waitsFor}${held}, at ${at}`;
}

interface Node {
  label: string;
  thread: boolean;
  x: number;
  y: number;
  hw: number;
  hh: number;
}

/**
 * The graph as SVG: nodes on a circle, the cycle's in its order (thread,
 * what it waits for, the next thread…), then the others. Self-contained
 * (its own marker ids under `id`), sized by its viewBox.
 */
export function renderDeadlockSvg(graph: DeadlockGraph, id: string): string {
  const order: string[] = [];
  const kind = new Map<string, boolean>(); // label → is a thread
  const add = (label: string, thread: boolean) => {
    if (kind.has(label)) return;
    kind.set(label, thread);
    order.push(label);
  };
  for (const c of graph.cycle) {
    add(c.thread, true);
    add(c.waitsFor, false);
  }
  for (const t of graph.threads) {
    add(t.name, true);
    add(t.waitsFor, false);
    if (t.heldBy) add(t.heldBy, true);
  }
  const inCycle = new Set(graph.cycle.flatMap((c) => [c.thread, c.waitsFor]));
  const edges: { from: string; to: string; label: string; cycle: boolean }[] = [];
  for (const t of graph.threads) {
    const cyc = inCycle.has(t.name) && inCycle.has(t.waitsFor);
    edges.push({ from: t.name, to: t.waitsFor, label: "waits for", cycle: cyc });
    if (t.heldBy && !edges.some((e) => e.from === t.waitsFor && e.to === t.heldBy))
      edges.push({ from: t.waitsFor, to: t.heldBy, label: "held by", cycle: cyc });
  }

  // The cycle on a circle, in its order, so each edge joins neighbours and
  // none crosses; the other waits (main's join, say) in a row beneath it,
  // each thread above what it waits for. No cycle: everything on the circle.
  const ring = graph.cycle.length > 0 ? order.filter((l) => inCycle.has(l)) : order;
  const rest = order.filter((l) => !ring.includes(l));
  const halfWidth = (label: string) => Math.max(34, label.length * 3.6 + 10);
  const radius = Math.max(70, ring.length * 24);
  const nodes = new Map<string, Node>();
  const place = (label: string, x: number, y: number): void => {
    nodes.set(label, { label, thread: kind.get(label)!, x, y, hw: halfWidth(label), hh: 14 });
  };
  ring.forEach((label, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / ring.length;
    place(label, radius * Math.cos(angle), radius * Math.sin(angle));
  });
  const columns: string[][] = [];
  for (const label of rest) {
    if (!kind.get(label)) continue;
    const t = graph.threads.find((w) => w.name === label);
    const column = [label];
    if (t && rest.includes(t.waitsFor) && !columns.flat().includes(t.waitsFor))
      column.push(t.waitsFor);
    columns.push(column);
  }
  for (const label of rest) if (!columns.flat().includes(label)) columns.push([label]);
  const colWidth = (c: string[]) => 2 * Math.max(...c.map(halfWidth)) + 16;
  const rowWidth = columns.reduce((sum, c) => sum + colWidth(c), 0);
  let x = -rowWidth / 2;
  for (const column of columns) {
    const w = colWidth(column);
    for (const [k, label] of column.entries()) place(label, x + w / 2, radius + 70 + k * 70);
    x += w;
  }
  let minX = 0;
  let maxX = 0;
  let maxY = radius;
  for (const node of nodes.values()) {
    minX = Math.min(minX, node.x - node.hw);
    maxX = Math.max(maxX, node.x + node.hw);
    maxY = Math.max(maxY, node.y);
  }
  const pad = 8;
  const width = maxX - minX + 2 * pad;
  const height = radius + maxY + 28 + 2 * pad;
  const ox = -minX + pad;
  const oy = radius + 14 + pad;

  /** Where the segment from a's centre to b's leaves a's box. */
  const edgeOf = (a: Node, b: Node) => {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.min(a.hw / Math.abs(dx || 1e-9), a.hh / Math.abs(dy || 1e-9), 0.5);
    return { x: a.x + dx * t, y: a.y + dy * t };
  };
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  for (const e of edges) {
    const a = nodes.get(e.from)!;
    const b = nodes.get(e.to)!;
    const p = edgeOf(a, b);
    const q = edgeOf(b, a);
    const mx = (p.x + q.x) / 2;
    const my = (p.y + q.y) / 2;
    const cls = `dl-edge${e.cycle ? " dl-cycle" : ""}`;
    const upright = Math.abs(q.x - p.x) < 4; // its label beside the line, not across it
    parts.push(
      `<g class="${cls}"><line x1="${f(p.x + ox)}" y1="${f(p.y + oy)}" x2="${f(q.x + ox)}" y2="${f(q.y + oy)}" marker-end="url(#${id}-arrow${e.cycle ? "-c" : ""})"/>` +
        `<text class="dl-edge-label" x="${f(mx + ox + (upright ? 5 : 0))}" y="${f(my + oy - 4)}" text-anchor="${upright ? "start" : "middle"}">${e.label}</text></g>`,
    );
  }
  for (const node of nodes.values()) {
    const cls = `dl-node ${node.thread ? "dl-thread" : "dl-object"}${inCycle.has(node.label) ? " dl-cycle" : ""}`;
    const rx = node.thread ? node.hh : 3; // threads round, what they wait for square
    parts.push(
      `<g class="${cls}"><rect x="${f(node.x - node.hw + ox)}" y="${f(node.y - node.hh + oy)}" width="${f(2 * node.hw)}" height="${f(2 * node.hh)}" rx="${rx}"/>` +
        `<text x="${f(node.x + ox)}" y="${f(node.y + oy + 4)}" text-anchor="middle">${esc(node.label)}</text></g>`,
    );
  }
  const marker = (suffix: string) =>
    `<marker id="${id}-arrow${suffix}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>`;
  const said = graph.threads
    .map((t) => `${t.name} waits for ${t.waitsFor}${t.heldBy ? `, held by ${t.heldBy}` : ""}`)
    .join("; ");
  return (
    `<svg class="dl-svg" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${f(width)} ${f(height)}" width="${f(width)}" height="${f(height)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">Wait-for graph of the deadlock: ${esc(said)}.</title>` +
    `<defs>${marker("")}${marker("-c")}</defs>${parts.join("")}</svg>`
  );
}

/** Fills the panel's deadlock section: the word, the cycle, each wait with its line, the drawing. */
export function showDeadlock(section: HTMLElement, graph: DeadlockGraph, placeOf: PlaceOf): void {
  const cycle = cycleText(graph);
  const waits = graph.threads.map((t) => `<li>${esc(waitText(t, placeOf(t)))}</li>`).join("");
  const fix = cycle
    ? "Each thread in the cycle holds what the next one waits for: take the locks in one order everywhere, or use a timeout."
    : "Nothing will wake these threads: check which set(), notify(), put() or release() is missing.";
  section.innerHTML =
    `<div class="run-deadlock-text">` +
    `<p class="run-deadlock-title"><strong>Deadlock</strong>: every thread is blocked, and none of them can wake another.</p>` +
    (cycle ? `<p class="run-deadlock-cycle">Cycle: <code>${esc(cycle)}</code></p>` : "") +
    `<ul class="run-deadlock-waits" aria-label="Who waits for what">${waits}</ul>` +
    `<p class="run-deadlock-fix">${esc(fix)}</p></div>` +
    `<div class="run-deadlock-graph">${renderDeadlockSvg(graph, "run-dl")}</div>`;
  section.hidden = false;
}
