/**
 * References to exported functions of the program's module, so that another
 * thread can call them: thread targets, pool tasks, a Timer's function, a
 * Barrier's action. A function cannot cross into a thread; its module URL
 * and export name can.
 */
import { RuntimeError } from "../errors.ts";
import { findExport, moduleNamespace, registeredModules } from "./main.ts";

export interface ExportRef {
  moduleUrl: string;
  exportName: string;
}

/** Option keys that name an inline function after themselves: `{ target: () => … }` is called "target". */
const OPTION_KEYS = new Set(["target", "action", "initializer", "fn"]);

/**
 * Where `fn` is exported. `role` names it in the error, e.g. "the task
 * function"; `key` is the option it was given as, if any.
 * @throws RuntimeError if `fn` is not an export of the program's module.
 */
export function exportRef(fn: Function, role: string, key?: string): ExportRef {
  const where = findExport(fn);
  if (where) return where;
  throw notExported(fn, role, key);
}

/** The error for a function that another thread cannot find, saying what to write instead. */
export function notExported(fn: Function, role: string, key?: string): RuntimeError {
  if (registeredModules().length === 0) {
    return new RuntimeError(
      `${role} cannot be found: put the code that starts threads inside ` +
        "main(import.meta, () => { … }), so threads can import the program's module and find it.",
    );
  }
  return new RuntimeError(
    `${role} ${describeFunction(fn, key)} is not exported from the program's module. Another ` +
      `thread runs it, so it must be an exported function: ${exportAdvice(fn, key)}.`,
  );
}

function describeFunction(fn: Function, key: string | undefined): string {
  const { name } = fn;
  if (name.startsWith("bound "))
    return `(a bound function, ${name.slice(6) || "anonymous"}.bind(…))`;
  if (isInline(name, key)) return "(an inline function)";
  return name;
}

function isInline(name: string, key: string | undefined): boolean {
  return (
    name === "" ||
    name === key ||
    OPTION_KEYS.has(name) ||
    !/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name)
  );
}

function exportAdvice(fn: Function, key: string | undefined): string {
  const { name } = fn;
  const option = key ?? "the option";
  if (name.startsWith("bound ")) {
    const inner = name.slice(6);
    return inner && !isInline(inner, key)
      ? `pass ${inner} itself (\`export function ${inner}(…)\`), and what you bound as its arguments`
      : "pass an exported function itself, and what you bound as its arguments";
  }
  if (isInline(name, key)) {
    return (
      "define it at the top level of the program's module, e.g. " +
      `\`export function work(…) { … }\`, and pass it by name (${option}: work)`
    );
  }
  return (
    `write \`export function ${name}(…)\` in the program's module, or, if it lives in another ` +
    `file, re-export it in the program's module: \`export { ${name} } from "./helper.ts"\``
  );
}

/** The function an `ExportRef` names, in this thread. */
export function resolveExport(ref: ExportRef): (...args: unknown[]) => unknown {
  const fn = moduleNamespace(ref.moduleUrl)?.[ref.exportName];
  if (typeof fn !== "function") {
    throw new RuntimeError(
      `${ref.exportName} is not an exported function of ${ref.moduleUrl} in this thread`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}
