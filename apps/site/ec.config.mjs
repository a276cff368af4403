// @ts-check
// Expressive Code options shared by Markdown code blocks and the <Code> component.

/** @param {any} node @param {(n: any) => void} fn */
function visit(node, fn) {
  fn(node);
  for (const child of node.children ?? []) visit(child, fn);
}

/** A code block that scrolls sideways can be reached and scrolled by keyboard. */
const focusablePre = {
  name: "unravel-focusable-pre",
  hooks: {
    /** @param {{ renderData: { blockAst: any } }} context */
    postprocessRenderedBlock({ renderData }) {
      visit(renderData.blockAst, (node) => {
        if (node.type === "element" && node.tagName === "pre") node.properties.tabIndex = 0;
      });
    },
  },
};

export default {
  plugins: [focusablePre],
};
