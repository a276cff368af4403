/**
 * A second program module with a first-line target. Node keeps one spare
 * worker warmed for the module of the last thread started; a thread of
 * another module cannot use it. Alternating the two modules makes every
 * start a cold one, which is how the bench measures the cold start.
 */
import { main } from "@unravel/core";

export const registered = new Promise<void>((resolve) => main(import.meta, resolve));

export function firstLineOther(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
