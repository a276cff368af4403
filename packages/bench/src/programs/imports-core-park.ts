// A bare worker that imports @unravel/core, counts itself started, and parks.
import "@unravel/core";
import "./one-line-park.ts";
