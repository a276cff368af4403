/**
 * The learner's progress with the exercises, in this browser only
 * (localStorage; nothing is sent anywhere), and the marks it puts in the
 * sidebar. Small and import-free: every lesson page loads it at once,
 * while the checker (exercise-check.ts) loads on the first Check.
 */

const KEY = "unravel:exercises";
export interface Progress {
  [id: string]: { done?: boolean; hints?: number; tried?: boolean };
}

export function readProgress(): Progress {
  try {
    const data = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Progress;
    return typeof data === "object" && data !== null ? data : {};
  } catch {
    return {};
  }
}

export function updateProgress(id: string, change: (entry: Progress[string]) => void): Progress {
  const progress = readProgress();
  const entry = progress[id] ?? {};
  change(entry);
  progress[id] = entry;
  try {
    localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // storage is off (a private window): progress lasts as long as the page
  }
  return progress;
}

/** Marks the sidebar: each lesson's exercises done (✓ when all are), and each finished exercise on this page. */
export function markSidebar(index: Record<string, string[]>): void {
  const progress = readProgress();
  for (const [href, ids] of Object.entries(index)) {
    if (ids.length === 0) continue;
    const done = ids.filter((id) => progress[id]?.done).length;
    for (const link of document.querySelectorAll<HTMLAnchorElement>(
      `nav.sidebar a[href="${href}"], #starlight__sidebar a[href="${href}"]`,
    )) {
      let mark = link.querySelector<HTMLElement>(".exercise-mark");
      if (done === 0) {
        mark?.remove();
        continue;
      }
      if (!mark) {
        mark = document.createElement("span");
        mark.className = "exercise-mark";
        link.append(mark);
      }
      const all = done === ids.length;
      mark.dataset.all = String(all);
      mark.textContent = all ? "✓" : `${done}/${ids.length}`;
      mark.title = all
        ? "every exercise of this lesson done"
        : `${done} of ${ids.length} exercises done`;
      mark.setAttribute("aria-label", `(${mark.title})`);
    }
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>(
    'starlight-toc a[href^="#exercise-"], mobile-starlight-toc a[href^="#exercise-"]',
  )) {
    const id = link.hash.slice("#exercise-".length).replace("-", ".");
    link.classList.toggle("exercise-done-link", progress[id]?.done === true);
  }
}

/** The exercise whose code the lesson's editor holds (set by Try it), kept over a reload. */
export function activeExercise(lesson: string): string | null {
  try {
    return localStorage.getItem(`unravel:exercise-in-editor:${lesson}`);
  } catch {
    return null;
  }
}

export function setActiveExercise(lesson: string, id: string): void {
  try {
    localStorage.setItem(`unravel:exercise-in-editor:${lesson}`, id);
  } catch {
    // storage is off: it lasts as long as the page
  }
}
