/**
 * The code editor of a lesson page, loaded only on "Edit the code":
 * CodeMirror 6 with TypeScript highlighting, the lesson's marked lines kept
 * (they move with the learner's edits), and a marked error line. Tab
 * indents; Escape then Tab (or Ctrl-M) leaves the editor, as CodeMirror's
 * accessibility guide has it.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { type Extension, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

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

const lessonLine = Decoration.line({ class: "cm-lesson-mark" });
const errorLine = Decoration.line({ class: "cm-error-line" });

/** The lesson's highlighted lines, mapped through every edit. */
function lessonMarks(lines: number[]): Extension {
  return StateField.define<DecorationSet>({
    create(state) {
      const builder = new RangeSetBuilder<Decoration>();
      for (const n of [...new Set(lines)].sort((a, b) => a - b)) {
        if (n >= 1 && n <= state.doc.lines)
          builder.add(state.doc.line(n).from, state.doc.line(n).from, lessonLine);
      }
      return builder.finish();
    },
    update: (marks, tr) => marks.map(tr.changes),
    provide: (field) => EditorView.decorations.from(field),
  });
}

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

export function createEditor(
  parent: HTMLElement,
  options: { doc: string; marked: number[]; onChange(code: string): void },
): Editor {
  const view = new EditorView({
    parent,
    doc: options.doc,
    extensions: [
      lineNumbers(),
      // Long lines wrap and the editor grows with the code: no region that
      // scrolls on its own (a keyboard trap for some readers, and on phones).
      EditorView.lineWrapping,
      history(),
      drawSelection(),
      highlightActiveLine(),
      indentOnInput(),
      bracketMatching(),
      javascript({ typescript: true }),
      syntaxHighlighting(highlight),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      lessonMarks(options.marked),
      errorMark,
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
