/**
 * `main(import.meta, fn)`: Python's `if __name__ == "__main__":`. Every
 * thread imports the program's module to find its target, so the part that
 * must run once goes in `fn`, which runs only on the main thread. It also
 * registers the module, so that `Thread` can find a target's export name.
 */

import { watchExit } from "../diagnose/waits.ts";
import { setClassResolver } from "../memory/classes.ts";
import { runtime } from "../runtime/index.ts";
import { stepping, steps } from "../step/state.ts";
import { trace, tracer } from "../trace/trace.ts";
import { builtinName } from "./builtin.ts";
import { current } from "./context.ts";

const modules = new Map<string, Record<string, unknown>>();

export function registerModule(url: string, namespace: Record<string, unknown>): void {
  modules.set(url, namespace);
}

/** Where a thread target lives: the module URL and the export name. */
export function findExport(
  target: Function,
): { moduleUrl: string; exportName: string } | undefined {
  const builtin = builtinName(target); // a library target: runs in a thread of the program's module
  const program = modules.keys().next().value;
  if (builtin)
    return program === undefined ? undefined : { moduleUrl: program, exportName: builtin };
  const known = found.get(target);
  if (known) return known;
  for (const [moduleUrl, namespace] of modules) {
    for (const [exportName, value] of Object.entries(namespace)) {
      if (value !== target) continue;
      const where = { moduleUrl, exportName };
      found.set(target, where); // a pool submits the same function many times
      return where;
    }
  }
  return undefined;
}

const found = new WeakMap<Function, { moduleUrl: string; exportName: string }>();

/** The namespace of a registered module (the program's), in this thread. */
export function moduleNamespace(url: string): Record<string, unknown> | undefined {
  return modules.get(url);
}

export function registeredModules(): string[] {
  return [...modules.keys()];
}

// The value codec revives an error of an exported class by the export, found
// again in the receiving thread's copy of the module: `url#exportName`.
const classKeys = new WeakMap<Function, string>();
setClassResolver({
  keyOf(ctor) {
    const known = classKeys.get(ctor);
    if (known !== undefined) return known;
    for (const [url, namespace] of modules) {
      for (const name of Object.keys(namespace)) {
        let value: unknown;
        try {
          value = namespace[name];
        } catch {
          continue; // an export not yet initialised (the module is still evaluating)
        }
        if (value !== ctor) continue;
        const key = `${url}#${name}`;
        classKeys.set(ctor, key);
        return key;
      }
    }
    return undefined;
  },
  classOf(key) {
    const at = key.lastIndexOf("#");
    const namespace = modules.get(key.slice(0, at));
    try {
      return namespace?.[key.slice(at + 1)];
    } catch {
      return undefined;
    }
  },
});

type MainFunction = () => unknown;

let pending: { url: string; fn: MainFunction } | null = null;

/**
 * Runs `fn` only on the main thread, once the module has finished loading.
 * In a thread, it does nothing: the thread runs its target instead.
 *
 * @example
 * ```ts
 * main(import.meta, () => {
 *   const t = new Thread({ target: work });
 *   t.start();
 *   t.join();
 * });
 * ```
 */
export function main(meta: ImportMeta, fn: MainFunction): void {
  if (!meta || typeof meta.url !== "string")
    throw new TypeError("main() needs import.meta as its first argument");
  if (typeof fn !== "function")
    throw new TypeError("main() needs a function as its second argument");
  const { role } = current();
  if (role === "thread") return;
  if (role === "unbooted") {
    pending = { url: meta.url, fn }; // a browser worker: runs if its boot message says "main"
    return;
  }
  // Import ourselves: resolves once this module has finished evaluating, with its exports.
  import(meta.url)
    .then((namespace) => runMain(meta.url, namespace, fn))
    .catch((error) => runtime.failMain(error));
}

export async function runMain(
  url: string,
  namespace: Record<string, unknown>,
  fn: MainFunction,
): Promise<void> {
  registerModule(url, namespace);
  const { name, daemon } = current();
  steps.begin(); // step mode, when UNRAVEL_STEP asks for it
  if (tracer.on) trace("thread-start", { name, daemon });
  try {
    await fn();
  } finally {
    if (stepping) steps.mainEnd();
    if (tracer.on) trace("thread-end");
    watchExit(); // a deadlock of the threads left is reported too
  }
}

/** The `main` function a browser worker recorded before it knew its role. */
export function takePendingMain(): { url: string; fn: MainFunction } | null {
  const taken = pending;
  pending = null;
  return taken;
}
