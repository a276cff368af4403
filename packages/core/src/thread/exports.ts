/**
 * References to exported functions of the program's module, so that another
 * thread can call them: pool tasks, a Timer's function, a Barrier's action.
 * A function cannot cross into a thread; its module URL and export name can.
 */
import { RuntimeError } from "../errors.ts";
import { findExport, moduleNamespace, registeredModules } from "./main.ts";

export interface ExportRef {
  moduleUrl: string;
  exportName: string;
}

/**
 * Where `fn` is exported. `role` names it in the error, e.g. "the task function".
 * @throws RuntimeError if `fn` is not an export of the program's module.
 */
export function exportRef(fn: Function, role: string): ExportRef {
  const where = findExport(fn);
  if (where) return where;
  const name = fn.name || "it";
  if (registeredModules().length === 0) {
    throw new RuntimeError(
      `${role} ${name} cannot be found: put the code that uses it inside main(import.meta, () => { … }), ` +
        "so threads can import the program's module.",
    );
  }
  throw new RuntimeError(
    `${role} ${name} is not exported from the program's module. Another thread runs it, ` +
      `so it must be an exported function of the same file: write \`export function ${name}(…)\`.`,
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
