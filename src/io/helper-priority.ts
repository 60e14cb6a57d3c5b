// Helper threads (the hashing pass, the score counting) run at a lower scheduling priority than
// the thread that reads: that thread's time is the evaluation's, and the helpers have slack. On a
// 2-core runner the reader and two helpers would otherwise share the cores evenly, and the reader
// would wait its turn while a helper that is ahead of it runs. At a lower priority the helpers
// take what the reader leaves; they still run whenever a core is free, so nothing waits on them
// longer than on the reader. Linux only: there a nice value belongs to a thread (setpriority(2),
// NPTL), while elsewhere it would lower the whole process.

import { getPriority, setPriority } from 'node:os';

/** How much lower a helper thread runs than the thread that started it (nice steps; 19 is the lowest). */
export const HELPER_NICE_STEP = 10;

/** The nice value a helper thread started now should take, or null where threads have none of their own. */
export function helperNice(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    return Math.min(19, getPriority(0) + HELPER_NICE_STEP);
  } catch {
    return null;
  }
}

/** Lowers the calling thread (a helper) to `nice` (helperNice(), taken by the thread that started it); false when it could not. */
export function lowerThisThread(nice: number | null): boolean {
  if (nice === null) return false;
  try {
    setPriority(0, nice);
    return true;
  } catch {
    return false;
  }
}
