/** The Queue cases the bench measures: data only, shared by the suite and the table. */

export interface QueueCase {
  objects: boolean;
  /** Producers, and as many consumers. */
  pairs: number;
  /** 0: unbounded. */
  maxsize: number;
}

export const QUEUE_BOUND = 1024;

export const queueCases: QueueCase[] = [false, true].flatMap((objects) =>
  [1, 4].flatMap((pairs) => [0, QUEUE_BOUND].map((maxsize) => ({ objects, pairs, maxsize }))),
);

export function queueId(c: QueueCase): string {
  return `queue.${c.objects ? "obj" : "num"}.${c.pairs}x${c.pairs}.${c.maxsize ? "bounded" : "unbounded"}`;
}

export function queueLabel(c: QueueCase): string {
  const what = c.objects ? "small objects" : "numbers";
  const bound = c.maxsize ? `bounded (${c.maxsize})` : "unbounded";
  return `Queue, ${what}, ${c.pairs} → ${c.pairs}, ${bound}`;
}
