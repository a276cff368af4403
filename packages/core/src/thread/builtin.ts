/**
 * Thread targets that live in the library, not in the program's module: the
 * loop of a pool worker, the wait of a `Timer`. A thread still imports the
 * program's module first (so the functions it will call are there, and its
 * module state is fresh); then it runs the built-in target by its name.
 * Names start with "unravel:", which no export can be called.
 */
const byName = new Map<string, (...args: any[]) => unknown>();
const byFunction = new Map<Function, string>();

export function registerBuiltinTarget(name: string, fn: (...args: any[]) => unknown): void {
  byName.set(name, fn);
  byFunction.set(fn, name);
}

/** The built-in target called `name`, if any. */
export function builtinTarget(name: string): ((...args: any[]) => unknown) | undefined {
  return byName.get(name);
}

/** The name of a built-in target function, if it is one. */
export function builtinName(fn: Function): string | undefined {
  return byFunction.get(fn);
}
