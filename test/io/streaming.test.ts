// Memory must not grow with the number of rows: a ~50 MB CSV is read while the retained heap
// (after forced collections) stays well below the file size. A memory bound, not a timing.
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ClassIndex } from '../../src/core/classes.js';
import { openPredictions } from '../../src/io/predictions.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CLASSES = Array.from({ length: 24 }, (_, i) => `class ${i}`);

function writeCsv(path: string, rows: number): { truthSum: number; predSum: number } {
  const fd = openSync(path, 'w');
  let truthSum = 0;
  let predSum = 0;
  try {
    writeSync(fd, `id,label,${CLASSES.map((c) => `score:${c}`).join(',')}\n`);
    let chunk = '';
    for (let r = 0; r < rows; r++) {
      const t = (r * 7) % CLASSES.length;
      const p = (r * 13) % CLASSES.length;
      truthSum += t;
      predSum += p;
      const scores = CLASSES.map((_, j) => (j === p ? '0.9123456789012345' : `0.0${(r * 31 + j * 17) % 1000}1234567`));
      chunk += `r${r},${CLASSES[t]},${scores.join(',')}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { truthSum, predSum };
}

const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

it('reads a ~50 MB CSV with bounded memory', async () => {
  const path = join(tmpdir(), `modelgate-stream-${process.pid}.csv`);
  try {
    const rows = 150_000;
    const sums = writeCsv(path, rows);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(45 << 20);
    gc();
    const base = used();
    let peak = 0;
    let n = 0;
    let truthSum = 0;
    let predSum = 0;
    let batches = 0;
    const classes = new ClassIndex(CLASSES, true);
    const progress: number[] = [];
    const s = await openPredictions(path, { classes, onProgress: (r) => progress.push(r) });
    for await (const b of s.batches) {
      if (b.task !== 'multiclass') throw new Error('expected multiclass');
      n += b.n;
      for (let i = 0; i < b.n; i++) {
        truthSum += b.truth[i];
        predSum += b.pred[i];
      }
      if (++batches % 4 === 0) {
        gc();
        peak = Math.max(peak, used() - base);
      }
    }
    expect(n).toBe(rows);
    expect(progress).toEqual([100_000, rows]);
    expect(truthSum).toBe(sums.truthSum);
    expect(predSum).toBe(sums.predSum);
    expect(s.fingerprint().bytes).toBe(size);
    // Holding the file would retain > 45 MB; the reader needs a few chunks.
    expect(peak).toBeLessThan(32 << 20);
    expect(batches).toBeGreaterThan(8);
  } finally {
    rmSync(path, { force: true });
  }
});
