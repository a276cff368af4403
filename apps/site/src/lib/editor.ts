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
  const { defaultKeymap, history, historyKeymap, indentWithTab } = await import(
    "@codemirror/commands"
  );
  await yieldToPage();

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
  // The state in a task of its own, then the view's first drawing in the next.
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
  options.attach?.();
  const view: EditorView = new EditorView({ parent, state });
  void addLanguage(view, language).catch(() => {
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

/** TypeScript highlighting, indentation and bracket matching, after the editor is editable. */
async function addLanguage(view: EditorView, slot: Compartment): Promise<void> {
  await yieldToPage();
  const { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } = await import(
    "@codemirror/language"
  );
  await yieldToPage();
  const { tags: t } = await import("@lezer/highlight");
  await yieldToPage();
  const { javascript } = await import("@codemirror/lang-javascript");
  await yieldToPage();
  // Colours are CSS classes, so that the light and dark themes set them (custom.css).
  const highlight = HighlightStyle.define([
    { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.definitionKeyword], class: "tok-kw" },
    { tag: [t.string, t.special(t.string)], class: "tok-str" },
    { tag: [t.number, t.bool, t.null], class: "tok-num" },
    { tag: t.comment, class: "tok-com" },
    { tag: [t.function(t.variableName), t.function(t.propertyName)], class: "tok-fn" },
    { tag: [t.typeName, t.className], class: "tok-type" },
    { tag: [t.definition(t.variableName)], class: "tok-def" },
  ]);
  // Highlighting and the editing helps first, the parser (its first parse) in a task after.
  const helps = [indentOnInput(), bracketMatching(), syntaxHighlighting(highlight)];
  view.dispatch({ effects: slot.reconfigure(helps) });
  await yieldToPage();
  view.dispatch({ effects: slot.reconfigure([...helps, javascript({ typescript: true })]) });
}
