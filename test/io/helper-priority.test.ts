// Helper threads run below the reading thread's priority on Linux (src/io/helper-priority.ts):
// the hashing pass and the score worker each lower themselves, and only themselves.
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { getPriority } from 'node:os';
import { HELPER_NICE_STEP, helperNice } from '../../src/io/helper-priority.js';
import { hashLargeInWorker } from '../../src/io/source.js';
import { tempDir } from './tmp.js';

const linux = process.platform === 'linux';
const onLinux = linux ? it : it.skip;
if (!linux) console.warn('helper-priority tests skipped: threads have a nice value of their own only on Linux');

/** The nice values of this process's threads, by thread id (/proc/self/task/<tid>/stat, field 19). */
function threadNices(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      out.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended
    }
  }
  return out;
}

const dir = tempDir();
afterAll(() => dir.remove());

describe('helper threads', () => {
  it('run HELPER_NICE_STEP below the thread that starts them (at most 19), on Linux only', () => {
    expect(helperNice()).toBe(linux ? Math.min(19, getPriority(0) + HELPER_NICE_STEP) : null);
  });

  onLinux('the hashing pass lowers its own thread, not the reader', async () => {
    const path = dir.path('big.bin');
    // 96 MB (the worker hashes files from 32 MB on): long enough to be seen running.
    const fd = openSync(path, 'w');
    const chunk = Buffer.alloc(1 << 20, 7);
    for (let i = 0; i < 96; i++) writeSync(fd, chunk);
    closeSync(fd);
    const before = getPriority(0);
    const hashing = hashLargeInWorker(path, 96 << 20)!;
    expect(hashing).not.toBeNull();
    let done = false;
    const result = hashing.fingerprint().finally(() => (done = true));
    const seen = new Set<number>();
    // Bounded: the hash of 96 MB takes well under a minute.
    for (let polls = 0; !done && polls < 60_000; polls++) {
      for (const nice of threadNices().values()) seen.add(nice);
      await new Promise((r) => setTimeout(r, 1));
    }
    const fingerprint = await result;
    expect(fingerprint.bytes).toBe(96 << 20);
    expect(seen).toContain(helperNice());
    expect(getPriority(0)).toBe(before);
  });
});
