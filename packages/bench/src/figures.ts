/** One measured figure: ours or a baseline's. */
export interface Figure {
  /** Stable key, e.g. `lock.uncontended`, `cpython.lock`. */
  id: string;
  label: string;
  unit: "ns" | "ms" | "MiB" | "ops/s" | "rt/s" | "items/s" | "tasks/s";
  better: "lower" | "higher";
  /** The median of the samples; `null` when not measured or failed (see `note`). */
  value: number | null;
  /** Every timed round's figure. */
  samples?: number[];
  /** Why a figure is missing, or what a run found (a failure is a result). */
  note?: string;
  source: "ours" | "floor" | "node" | "cpython" | "piscina" | "multithreading";
}

/** A figure as a suite returns it; a step that yields ours and baselines together names each one's source. */
export type FigureInput = Omit<Figure, "source"> & { source?: Figure["source"] };

/** A figure that could not be measured: kept, with the reason, so the row does not vanish. */
export function missing(f: Omit<FigureInput, "value" | "note">, note: string): FigureInput {
  return { ...f, value: null, note };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One measurement, run by the bench in an order that puts each baseline next to ours. */
export interface Step {
  /** The id of the figure it measures. */
  id: string;
  run: () => FigureInput | FigureInput[] | Promise<FigureInput | FigureInput[]>;
}
