import { main, print, Queue, Thread } from "@unravel/core";

class Point {
  x: number;
  y: number;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
  length() {
    return Math.hypot(this.x, this.y);
  }
}

type Plain = { x: number; y: number };

// The thread measures each point it gets, until null.
export function measure(
  inbox: Queue<Plain | null>,
  out: Queue<number>,
) {
  for (let p = inbox.get(); p !== null; p = inbox.get()) {
    out.put(Math.hypot(p.x, p.y));
  }
}

main(import.meta, () => {
  const points = [
    new Point(3, 4),
    new Point(5, 12),
    new Point(7, 24),
  ];
  const [inbox, out] = [
    new Queue<Plain | null>(),
    new Queue<number>(),
  ];
  const t = new Thread({ target: measure, args: [inbox, out] });
  for (const p of points) inbox.put({ x: p.x, y: p.y }); // the data
  inbox.put(null);
  t.start();
  t.join();
  const lengths = points.map(() => out.get());
  const mine = points.map((p) => p.length());
  print(
    `lengths: ${lengths.join(", ")} (here: ${mine.join(", ")})`,
  );
});
