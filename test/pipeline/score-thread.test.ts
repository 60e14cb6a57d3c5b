// Counting the scores in a worker thread gives what counting them here gives: the counts bit for
// bit, the floating-point sums (log-loss, calibration) to 1e-13, as they are added block by block;
// and the same figures bit for bit whichever thread counted which block. The worker is
// dist/score-worker.js (the committed bundle; without it these tests say they skip).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScoreAccumulator } from '../../src/core/diagnostics/scores.js';
import { helperNice } from '../../src/io/helper-priority.js';
import { Rng } from '../../src/core/stats/rng.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { findScoreWorker, ScoreThread, scoreThreadFor } from '../../src/pipeline/score-thread.js';

const workerFile = findScoreWorker();
const maybe = workerFile ? it : it.skip;
if (!workerFile) console.warn('score-thread tests skipped: dist/score-worker.js not found (run npm run build)');

type Metrics = ReturnType<ScoreAccumulator['result']>;

/** Equal but for the last bits of the two floating-point sums, which are added in another order. */
function expectSameFigures(got: Metrics, want: Metrics): void {
  const { logLoss, ece, logLossSe, eceSe, ...counts } = want!;
  const { logLoss: gotLogLoss, ece: gotEce, logLossSe: gotSe, eceSe: gotEceSe, ...gotCounts } = got!;
  expect(gotCounts).toEqual(counts);
  // Multiclass: the calibration bins' sums added block by block.
  expect(gotEceSe === undefined).toBe(eceSe === undefined);
  if (eceSe !== undefined) expect(Math.abs(gotEceSe! - eceSe)).toBeLessThanOrEqual(1e-11 * eceSe);
  expect(Math.abs(gotLogLoss - logLoss)).toBeLessThanOrEqual(1e-13 * logLoss);
  // Each example's loss is a difference of the running sums, whose sizes differ by block.
  expect(Math.abs(gotSe! - logLossSe!)).toBeLessThanOrEqual(1e-11 * logLossSe!);
  expect(Math.abs(gotEce - ece)).toBeLessThanOrEqual(1e-13 * ece);
}

/** n examples of C scores (some exactly 0 or 1) with their true classes; every 7th has no scores. */
function examples(n: number, C: number, seed: number) {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    scores:
      i % 7 === 3 ? null : Array.from({ length: C }, () => [0, 1][Math.floor(rng.uniform() * 40)] ?? rng.uniform()),
    truth: Array.from({ length: C }, (_, c) => c).filter(() => rng.uniform() < 0.2),
  }));
}

function feed(sink: ScoreAccumulator | ScoreThread, rows: ReturnType<typeof examples>, C: number): void {
  const identity = null;
  const reversed = Uint32Array.from({ length: C }, (_, j) => C - 1 - j);
  rows.forEach(({ scores, truth }, i) => {
    // The class map changes between examples (reversed order for a while), and values sit at an offset.
    const map = i >= 5000 && i < 6000 ? reversed : identity;
    if (scores) {
      // Float32 scores for a while (a .npz's), sent as they are.
      const Kind = i >= 2000 && i < 3000 ? Float32Array : Float64Array;
      const values = new Kind([9, ...(map ? Array.from(map, (c) => scores[c]) : scores)]);
      sink.scores(values, 1, C, map ?? undefined);
    }
    sink.end(truth, 0, truth.length);
  });
}

describe.each(['multilabel', 'multiclass'] as const)('%s scores through a ScoreThread', (task) => {
  const C = 100;
  // 100 scores an example: blocks end on their scores (2^18) as well as on their examples (4,096).
  const rows = examples(9000, C, task === 'multilabel' ? 3 : 4);
  const perm = Uint32Array.from({ length: C }, (_, c) => c);
  /** The rows counted in this thread, and through a ScoreThread. */
  const hereAndThere = () => {
    const here = new ScoreAccumulator(task);
    feed(here, rows, C);
    const there = new ScoreAccumulator(task);
    const thread = new ScoreThread(workerFile!, there);
    feed(thread, rows, C);
    thread.finish();
    return { here, there };
  };

  maybe(
    'equal those counted in this thread, across blocks, class maps, float32 and float64, and examples without scores',
    () => {
      const { here, there } = hereAndThere();
      expect(there.examples).toBe(here.examples);
      expectSameFigures(there.result(perm, C, here.examples), here.result(perm, C, here.examples));
      expect(there.examples).toBeLessThan(rows.length);
    },
  );

  maybe('give the same figures bit for bit whether this thread counted many blocks or none', () => {
    const counted = (inFlight: number) => {
      const acc = new ScoreAccumulator(task);
      const thread = new ScoreThread(workerFile!, acc, { inFlight });
      feed(thread, rows, C);
      thread.finish();
      return { figures: acc.result(perm, C, acc.examples), here: thread.blocksHere, sent: thread.blocksSent };
    };
    // One block out at a time: this thread counts whatever arrives while the worker is busy.
    const [shared, worker] = [counted(1), counted(64)];
    expect([shared.here > 0, shared.sent > 0]).toEqual([true, true]);
    expect([worker.here, worker.sent > 0]).toEqual([0, true]);
    expect(shared.figures).toEqual(worker.figures);
  });

  maybe('the threshold histograms of the tuning summary, read from the merged counts, equal those counted here', () => {
    const { here, there } = hereAndThere();
    const want = here.tuningCounts();
    expect(want === null).toBe(task === 'multiclass');
    expect(there.tuningCounts()).toEqual(want);
  });

  maybe('a score outside [0, 1] is reported as here', () => {
    const there = new ScoreAccumulator(task);
    const thread = new ScoreThread(workerFile!, there);
    feed(thread, rows.slice(0, 100), C);
    thread.scores([0.5, 1.5], 0, 2);
    thread.end([0], 0, 1);
    thread.finish();
    expect(there.problem).toBe('scores are not probabilities (a score of 1.5 is outside [0, 1])');
  });
});

maybe('examples with more scores than a block holds (here 64) get blocks of their own', () => {
  const C = 100;
  const rows = examples(300, C, 5);
  const here = new ScoreAccumulator('multilabel');
  feed(here, rows, C);
  const there = new ScoreAccumulator('multilabel');
  const thread = new ScoreThread(workerFile!, there, { blockValues: 64 });
  feed(thread, rows, C);
  thread.finish();
  const perm = Uint32Array.from({ length: C }, (_, c) => c);
  expectSameFigures(there.result(perm, C, here.examples), here.result(perm, C, here.examples));
});

maybe('an evaluation with the worker thread writes the report the one without it writes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-score-thread-'));
  const rng = new Rng(9);
  const names = ['a', 'b', 'c', 'd'];
  const lines = ['labels,score:a,score:b,score:c,score:d'];
  for (let i = 0; i < 10_000; i++) {
    const s = names.map(() => Math.round(rng.uniform() * 1e4) / 1e4);
    lines.push(`${names.filter((_, k) => s[k] > 0.3 + 0.4 * rng.uniform()).join('|')},${s.join(',')}`);
  }
  // Validation and test: the tuning summary is read from the worker's counts too.
  const [validation, test] = [join(dir, 'validation.csv'), join(dir, 'test.csv')];
  writeFileSync(validation, lines.slice(0, 5001).join('\n') + '\n');
  writeFileSync(test, [lines[0], ...lines.slice(5001)].join('\n') + '\n');
  const run = (scoreThreadMinBytes: number) =>
    evaluatePredictionFiles(
      [
        { name: 'validation', path: validation },
        { name: 'test', path: test },
      ],
      { task: 'multilabel', createdAt: 'now', scoreThreadMinBytes, cores: 4 },
    );
  const [threaded, here] = [await run(0), await run(Infinity)];
  expect(threaded.splits.test.scores?.rocAuc.every((v) => v !== null)).toBe(true);
  expect(threaded.thresholdTuning?.classesTuned).toBeGreaterThan(0);
  for (const split of ['validation', 'test']) {
    expectSameFigures(threaded.splits[split].scores!, here.splits[split].scores!);
    threaded.splits[split].scores = here.splits[split].scores;
  }
  expect(threaded).toEqual(here);
});

/** The rows through a ScoreThread on `file`, and what it did with its blocks. */
function throughThread(file: string, rows: ReturnType<typeof examples>, C: number, opts = {}) {
  const acc = new ScoreAccumulator('multilabel');
  const thread = new ScoreThread(file, acc, { blockValues: 1000, ...opts });
  feed(thread, rows, C);
  thread.finish();
  const perm = Uint32Array.from({ length: C }, (_, c) => c);
  return { acc, figures: acc.result(perm, C, acc.examples), here: thread.blocksHere, sent: thread.blocksSent };
}

it('a worker that does not start leaves the counting to this thread, the blocks it was sent included', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-score-thread-'));
  const broken = join(dir, 'broken-worker.mjs');
  writeFileSync(broken, "import './missing-chunk.mjs';\n");
  const C = 20;
  const rows = examples(3000, C, 6);
  const here = new ScoreAccumulator('multilabel');
  feed(here, rows, C);
  // The reader does not wait for the worker: blocks go out (as copies) before it is ready.
  const got = throughThread(broken, rows, C, { readyMs: 300 });
  expect(got.sent).toBeGreaterThan(0);
  expect(got.acc.examples).toBe(here.examples);
  const perm = Uint32Array.from({ length: C }, (_, c) => c);
  expectSameFigures(got.figures, here.result(perm, C, here.examples));
  if (!workerFile) return;
  // Every block counted here, block by block as a worker that runs counts them: the same figures bit for bit.
  const running = throughThread(workerFile, rows, C, { inFlight: 64 });
  expect(got.here).toBe(running.sent + running.here);
  expect(got.figures).toEqual(running.figures);
});

maybe('a worker slow to start counts the blocks sent before it was ready, none lost or counted twice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-score-thread-'));
  const slow = join(dir, 'slow-worker.mjs');
  writeFileSync(
    slow,
    `const t = Date.now();\nwhile (Date.now() - t < 400);\nawait import(${JSON.stringify(pathToFileURL(workerFile!).href)});\n`,
  );
  const C = 20;
  const rows = examples(3000, C, 7);
  const got = throughThread(slow, rows, C, { inFlight: 3 });
  const want = throughThread(workerFile!, rows, C, { inFlight: 64 });
  // Three went out before it was ready (the rest were counted here while it started).
  expect(got.sent).toBeGreaterThanOrEqual(3);
  expect(got.here).toBeGreaterThan(0);
  expect(got.acc.examples).toBe(want.acc.examples);
  expect(got.figures).toEqual(want.figures);
});

maybe("the worker counts below this thread's priority on Linux (src/io/helper-priority.ts)", () => {
  const thread = new ScoreThread(workerFile!, new ScoreAccumulator('multilabel'));
  feed(thread, examples(50, 10, 6), 10);
  thread.finish();
  expect(thread.workerNice).toBe(helperNice());
  if (process.platform === 'linux') expect(thread.workerNice).toBeGreaterThan(getPriority(0));
});

describe('scoreThreadFor: a worker only where a core is free for it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-cores-'));
  const csv = join(dir, 'test.csv');
  const npz = join(dir, 'test.npz');
  writeFileSync(csv, 'x'.repeat(1000));
  writeFileSync(npz, 'x'.repeat(1000));

  maybe('a text file with 2 cores (its parse hides the worker), an .npz with 3 (its hashing pass has one)', () => {
    expect(scoreThreadFor(csv, 100, 2)).toBe(workerFile);
    expect(scoreThreadFor(csv, 100, 1)).toBeNull();
    expect(scoreThreadFor(npz, 100, 3)).toBe(workerFile);
    expect(scoreThreadFor(npz, 100, 2)).toBeNull();
    // Small files never: a worker's start costs more than their counting.
    expect(scoreThreadFor(csv, 1001, 8)).toBeNull();
    expect(scoreThreadFor(join(dir, 'missing.csv'), 0, 8)).toBeNull();
  });
});
