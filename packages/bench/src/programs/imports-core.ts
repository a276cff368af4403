// A bare worker whose module imports @unravel/core and does nothing else:
// what importing the library costs each new worker, before any Thread.
import "@unravel/core";
import "./one-line.ts";
