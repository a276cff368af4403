/**
 * Where a program waits on a condition variable, read from its source:
 * for each `<name>.wait(…)` call, whether it is a statement of a `while`
 * (or `do … while`) loop's body, so that the condition is checked again
 * after every wake-up. Whether a wrong `if (…) cond.wait()` shows in one
 * run's output depends on a stale or spurious wake-up happening in that
 * run; in the source it shows every time.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";
import type { Language } from "./programs.ts";

export interface WaitCall {
  /** 1-based line of the call. */
  line: number;
  /** The call's receiver, e.g. `notEmpty`. */
  receiver: string;
  /** True when the call is a statement directly in a while loop's body. */
  inWhileLoop: boolean;
}

/** Every `.wait(…)` call on one of `receivers` in `file`. */
export function conditionWaits(file: string, language: Language, receivers: string[]): WaitCall[] {
  return language === "typescript"
    ? typescriptWaits(file, receivers)
    : pythonWaits(file, receivers);
}

function typescriptWaits(file: string, receivers: string[]): WaitCall[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true, // parent pointers, to see what holds each call
  );
  const calls: WaitCall[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "wait" &&
      receivers.includes(node.expression.expression.getText(source))
    ) {
      const statement = node.parent;
      const holder =
        statement && ts.isBlock(statement.parent) ? statement.parent.parent : statement?.parent;
      calls.push({
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        receiver: node.expression.expression.getText(source),
        inWhileLoop:
          ts.isExpressionStatement(statement) &&
          holder !== undefined &&
          (ts.isWhileStatement(holder) || ts.isDoStatement(holder)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

// The same rule over Python's own parser: the call is an expression
// statement in the body of a `while`.
const PYTHON = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
receivers = json.loads(sys.argv[2])
parents = {}
for node in ast.walk(tree):
    for child in ast.iter_child_nodes(node):
        parents[child] = node
calls = []
for node in ast.walk(tree):
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "wait"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in receivers):
        statement = parents.get(node)
        holder = parents.get(statement)
        calls.append({"line": node.lineno, "receiver": node.func.value.id,
                      "inWhileLoop": isinstance(statement, ast.Expr)
                      and isinstance(holder, ast.While)
                      and statement in holder.body})
print(json.dumps(calls))
`;

function pythonWaits(file: string, receivers: string[]): WaitCall[] {
  const out = execFileSync("python3", ["-c", PYTHON, file, JSON.stringify(receivers)], {
    encoding: "utf8",
  });
  return JSON.parse(out) as WaitCall[];
}
