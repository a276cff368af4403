/**
 * What every run of the sample must show: what each way of sending
 * carries. In TypeScript, a MessagePort sends a structured clone (a
 * class instance arrives as a plain Object, a function is refused, a
 * transferred buffer moves and leaves the sender's detached); a Queue
 * copies too but refuses a class instance rather than lose its methods,
 * and copies a buffer. In Python, a queue.Queue hands over the object
 * itself, and a Pipe or a multiprocessing.Queue pickles a copy, which
 * keeps its class. Both hand a worker every item, in order.
 */
import {
  type CheckRun,
  type LessonChecks,
  must,
} from "@unravel/lesson-kit/check";

/** The line that starts with `prefix`. */
function line(lines: string[], prefix: string): string {
  const l = lines.find((x) => x.startsWith(prefix));
  must(l, `there is no "${prefix}…" line`);
  return l;
}

/** Reads `<what>: port → <a>; queue → <b>` (pipe in Python). */
function sent(run: CheckRun, what: string) {
  const l = line(run.lines, `${what}:`);
  const m = /: (?:port|pipe) → (.*); queue → (.*)$/.exec(l);
  must(m, `the line reads "${l}"`);
  return { channel: m[1]!, queue: m[2]!, l };
}

const py = (run: CheckRun) => run.language === "python";

export const checks: LessonChecks = {
  checks: {
    "plain data arrives as what was sent": {
      says: (run) =>
        py(run)
          ? "a dict comes out of a Pipe as a copy, and out of a queue.Queue as the same object"
          : "a Map comes out of the port and out of the queue as a Map",
      check(run) {
        if (py(run)) {
          const { channel, queue } = sent(run, "a dict");
          must(
            channel === "dict, a copy",
            `the pipe gave ${channel}`,
          );
          must(
            queue === "dict, the same object",
            `the queue gave ${queue}`,
          );
        } else {
          const { channel, queue } = sent(run, "a Map");
          must(channel === "Map", `the port gave ${channel}`);
          must(queue === "Map", `the queue gave ${queue}`);
        }
      },
    },
    "a class instance": {
      says: (run) =>
        py(run)
          ? "a Point keeps its class through a Pipe (pickle) and is the same object through a queue.Queue"
          : "a Point loses its class through the port, and the queue refuses it",
      check(run) {
        const { channel, queue } = sent(run, "a Point");
        if (py(run)) {
          must(
            channel === "Point, a copy",
            `the pipe gave ${channel}`,
          );
          must(
            queue === "Point, the same object",
            `the queue gave ${queue}`,
          );
        } else {
          must(
            channel === "Object",
            `the port gave ${channel}: structured clone keeps no class`,
          );
          must(
            queue.startsWith("refused: item is a Point instance"),
            `the queue gave ${queue}`,
          );
        }
      },
    },
    "a function": {
      says: (run) =>
        py(run)
          ? "a Pipe refuses a function (it cannot pickle it); a queue.Queue passes it"
          : "neither the port nor the queue carries a function",
      check(run) {
        const { channel, queue } = sent(run, "a function");
        must(
          channel.startsWith("refused: "),
          `the ${py(run) ? "pipe" : "port"} gave ${channel}`,
        );
        if (py(run))
          must(
            queue === "function, the same object",
            `the queue gave ${queue}`,
          );
        else
          must(
            queue.startsWith("refused: item is a function"),
            `the queue gave ${queue}`,
          );
      },
    },
    "a buffer": {
      says: (run) =>
        py(run)
          ? "a bytearray is copied: the sender keeps its bytes"
          : "a transferred ArrayBuffer moves (the sender's is left empty); a queue copies it",
      check(run) {
        const bytes = (l: string) => {
          const m = /sender (\d+) bytes, receiver (\d+)$/.exec(l);
          must(m, `the line reads "${l}"`);
          return { sender: Number(m[1]), receiver: Number(m[2]) };
        };
        const copied = bytes(
          line(
            run.lines,
            py(run)
              ? "multiprocessing.Queue, copied:"
              : "queue, copied:",
          ),
        );
        must(
          copied.receiver > 0 && copied.sender === copied.receiver,
          `after a copy the sender has ${copied.sender} bytes and the receiver ${copied.receiver}`,
        );
        if (py(run)) return;
        const moved = bytes(line(run.lines, "port, transferred:"));
        must(
          moved.receiver > 0 && moved.sender === 0,
          `after a transfer the sender has ${moved.sender} bytes and the receiver ${moved.receiver}: a transferred buffer is detached from the sender`,
        );
      },
    },
    "the worker gets every item, in order": {
      says: "the worker squared 1 to 5, each once, in the order they were put",
      check(run) {
        const l = line(
          run.lines,
          py(run) ? "a process squared" : "a thread squared",
        );
        const got = l.split("→ ")[1] ?? "";
        must(got === "1, 4, 9, 16, 25", `the results were ${got}`);
      },
    },
  },
};
