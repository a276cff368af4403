/**
 * The code editor of a lesson page, loaded only on "Edit the code":
 * CodeMirror 6 with TypeScript highlighting, the lesson's marked lines kept
 * (they move with the learner's edits), and a marked error line. Tab
 * indents; Escape then Tab (or Ctrl-M) leaves the editor, as CodeMirror's
 * accessibility guide has it.
 */
import type { Compartment, Extension } from "@codemirror/state";
import type { DecorationSet, Decoration as DecorationType, EditorView } from "@codemirror/view";

/**
 * One step of the editor's start-up, then back to the event loop: each
 * module's evaluation and each stage of the set-up is a task of its own, so
 * that no task blocks the page for long on a slow phone (Lighthouse's
 * total blocking time counts what each task takes over 50 ms).
 */
const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

export interface Editor {
  /** The code the editor holds. */
  text(): string;
  /** Replaces all of it (Reset), as one undoable change. */
  replace(code: string): void;
  focus(): void;
  /** Marks the line an error is at (1-based), or clears the mark. */
  markError(line: number | null): void;
  /** The editable element (role textbox). */
  content: HTMLElement;
}

/**
 * Opens the editor in `parent`, in steps: the core of CodeMirror first (the
 * code is editable then), TypeScript highlighting after, in later tasks.
 */
export async function createEditor(
  parent: HTMLElement,
  options: {
    doc: string;
    marked: number[];
    onChange(code: string): void;
    /** Called once CodeMirror has loaded, just before it draws into `parent`. */
    attach?(): void;
  },
): Promise<Editor> {
  const { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField } = await import(
    "@codemirror/state"
  );
  await yieldToPage();
  const { Decoration, drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } =
    await import("@codemirror/view");
  await yieldToPage();
  // The commands need the language package, so its highlighting and its
  // editing helpers come now at no cost: their styles mount with the view's
  // own, and the TypeScript language alone comes later.
  const [
    { defaultKeymap, history, historyKeymap, indentWithTab },
    { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting },
    { tags: t },
  ] = await Promise.all([
    import("@codemirror/commands"),
    import("@codemirror/language"),
    import("@lezer/highlight"),
  ]);
  // TypeScript's parser downloads (and compiles, off the main thread) while the view is built.
  const typescriptSupport = import("@codemirror/lang-javascript");
  typescriptSupport.catch(() => {}); // reported where it is awaited
  await yieldToPage();
  // Colours are CSS variables, so that the light and dark themes set them (custom.css).
  const highlight = HighlightStyle.define([
    {
      tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.definitionKeyword],
      color: "var(--tok-kw)",
    },
    { tag: [t.string, t.special(t.string)], color: "var(--tok-str)" },
    { tag: [t.number, t.bool, t.null], color: "var(--tok-num)" },
    { tag: t.comment, color: "var(--tok-com)", fontStyle: "italic" },
    { tag: [t.function(t.variableName), t.function(t.propertyName)], color: "var(--tok-fn)" },
    { tag: [t.typeName, t.className], color: "var(--tok-type)" },
    { tag: [t.definition(t.variableName)], color: "var(--tok-def)" },
  ]);

  const lessonLine = Decoration.line({ class: "cm-lesson-mark" });
  const errorLine = Decoration.line({ class: "cm-error-line" });

  /** The lesson's highlighted lines, mapped through every edit. */
  const lessonMarks = (lines: number[]): Extension =>
    StateField.define<DecorationSet>({
      create(state) {
        const builder = new RangeSetBuilder<DecorationType>();
        for (const n of [...new Set(lines)].sort((a, b) => a - b)) {
          if (n >= 1 && n <= state.doc.lines)
            builder.add(state.doc.line(n).from, state.doc.line(n).from, lessonLine);
        }
        return builder.finish();
      },
      update: (marks, tr) => marks.map(tr.changes),
      provide: (field) => EditorView.decorations.from(field),
    });

  const setError = StateEffect.define<number | null>();
  const errorMark = StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(mark, tr) {
      let next = tr.docChanged ? Decoration.none : mark; // an edit may have fixed it
      for (const effect of tr.effects) {
        if (!effect.is(setError)) continue;
        const n = effect.value;
        next =
          n !== null && n >= 1 && n <= tr.state.doc.lines
            ? Decoration.set([errorLine.range(tr.state.doc.line(n).from)])
            : Decoration.none;
      }
      return next;
    },
    provide: (field) => EditorView.decorations.from(field),
  });

  // The language comes in later: an empty slot now, TypeScript once loaded.
  const language = new Compartment();
  const state = EditorState.create({
    doc: options.doc,
    extensions: [
      lineNumbers(),
      // Long lines wrap and the editor grows with the code: no region that
      // scrolls on its own (a keyboard trap for some readers, and on phones).
      EditorView.lineWrapping,
      history(),
      drawSelection(),
      highlightActiveLine(),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      indentOnInput(),
      bracketMatching(),
      syntaxHighlighting(highlight),
      lessonMarks(options.marked),
      errorMark,
      language.of([]),
      EditorView.contentAttributes.of({
        "aria-label": "Code editor",
        spellcheck: "false",
        autocorrect: "off",
        autocapitalize: "off",
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ],
  });
  await yieldToPage();
  // The view's DOM is built off the page, put in place in a task of its own
  // (the page's style and layout), then measured by CodeMirror in the next
  // frame: three tasks, not one. Focus (another layout) comes after that.
  const view = new EditorView({ state });
  await yieldToPage();
  options.attach?.();
  parent.append(view.dom);
  view.dom.getBoundingClientRect(); // the page's layout now, not in CodeMirror's first measure
  await firstMeasure(view);
  await yieldToPage();
  void addLanguage(view, language, typescriptSupport).catch(() => {
    // Highlighting is a help, not a need: the editor works without it.
  });
  return {
    text: () => view.state.doc.toString(),
    replace(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
    markError(line) {
      view.dispatch({ effects: setError.of(line) });
      if (line !== null && line >= 1 && line <= view.state.doc.lines) {
        view.dispatch({
          effects: EditorView.scrollIntoView(view.state.doc.line(line).from, { y: "center" }),
        });
      }
    },
    content: view.contentDOM,
  };
}

/**
 * The TypeScript language (highlighting, indentation and bracket matching
 * read its syntax tree). The parser is run once over `doc` first, a few
 * milliseconds at a time: CodeMirror's own first parse, on a cold parser,
 * would otherwise take one long task, then finish in idle time and draw the
 * code a second time.
 */
async function typescript(
  doc: string,
  load: Promise<typeof import("@codemirror/lang-javascript")>,
): Promise<Extension> {
  const { javascript } = await load;
  await yieldToPage();
  const support = javascript({ typescript: true });
  const parse = support.language.parser.startParse(doc);
  let slice = performance.now();
  while (!parse.advance()) {
    if (performance.now() - slice > 8) {
      await yieldToPage();
      slice = performance.now();
    }
  }
  await yieldToPage();
  return support;
}

/** After CodeMirror's first measure of the view (or a moment, if no frame comes: a hidden tab). */
function firstMeasure(view: EditorView): Promise<void> {
  return new Promise((resolve) => {
    view.requestMeasure({ read: () => {}, write: () => resolve() });
    setTimeout(resolve, 500);
  });
}

/** The language, after the editor is editable: one more drawing of the code, in colour. */
async function addLanguage(
  view: EditorView,
  slot: Compartment,
  load: Promise<typeof import("@codemirror/lang-javascript")>,
): Promise<void> {
  await yieldToPage();
  view.dispatch({ effects: slot.reconfigure(await typescript(view.state.doc.toString(), load)) });
}
