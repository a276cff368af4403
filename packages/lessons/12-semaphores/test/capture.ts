/**
 * What the captured run on the page must show for its prose to be
 * true: the three connections were all in use at one moment (threads
 * had to wait), and the requests went out about one tick apart.
 */
import {
  defineCapture,
  ms,
  type RunCheck,
} from "@unravel/lesson-kit/capture";

const full: RunCheck = (run) => {
  if (!run.texts.some((l) => /: connected, 3 in use$/.test(l)))
    return "the three connections were never all in use at once";
};

// The ticker releases a permit every 100 ms; each request waits for
// one, so no two requests are much closer than that.
const spaced: RunCheck = (run) => {
  const times = run.lines
    .filter((l) => l.text.startsWith("request "))
    .map((l) => l.t);
  for (let i = 1; i < times.length; i++)
    if (times[i] - times[i - 1] < 80)
      return `requests ${i} and ${i + 1} went ${ms(times[i] - times[i - 1])} apart`;
};

export default defineCapture({
  typescript: {
    "all three connections are in use at one moment": full,
    "the requests go about 100 ms apart": spaced,
  },
  python: {
    "all three connections are in use at one moment": full,
    "the requests go about 100 ms apart": spaced,
  },
});
