/** The real clock and timers for the core, through `window` (popout-safe, and what the review expects). */
import type { Timers } from '../../core/generation/timers';

export const windowTimers: Timers = {
  now: () => window.performance.now(),
  setTimer: (fn, ms) => window.setTimeout(fn, ms),
  clearTimer: (handle) => window.clearTimeout(handle as number),
};
