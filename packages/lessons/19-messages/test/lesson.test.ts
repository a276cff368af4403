import { describeLesson } from "@unravel/lesson-kit/test";
import { checks } from "./invariants.ts";

// Runs the real sample (node src/main.ts) and its Python twin
// (python3 python/main.py), and checks what every run must show —
// never one exact interleaving of the threads' lines.
describeLesson(import.meta, checks);
