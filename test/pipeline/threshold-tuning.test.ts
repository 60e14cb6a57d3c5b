// report.thresholdTuning, gathered while evaluating: on the long-tail fixture it equals
// scikit-learn's exhaustive search (fixtures/thresholds/oracle.json, default objective), the
// comparison then suggests `modelgate thresholds`; it is absent where it cannot be measured and
// no suggestion is made once the tuned thresholds are in use.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareReports } from '../../src/core/compare/compare.js';
import { parseRules } from '../../src/core/compare/rules.js';
import { SUGGEST_MIN_GAIN } from '../../src/core/compare/suggestions.js';
import { renderComment } from '../../src/core/render/comment.js';
import { validateReport } from '../../src/core/report/validate.js';
import { selectBackend } from '../../src/model/backend.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { evaluateModel } from '../../src/pipeline/evaluate-model.js';

const FIX = 'fixtures/thresholds';
// The suggestion does not depend on the bootstrap: few resamples keep the test fast.
const RULES = parseRules({ bootstrap: { resamples: 50 } }, 'test', 'multilabel');
const SPLITS = [
  { name: 'validation', path: `${FIX}/validation.csv` },
  { name: 'test', path: `${FIX}/test.csv` },
];
const ORACLE = JSON.parse(readFileSync(`${FIX}/oracle.json`, 'utf8'));
const DEFAULT_RUN = ORACLE.runs.find(
  (r: { objective: string; minPrecision: number }) => r.objective === 'recall-at-precision' && r.minPrecision === 0.5,
);

describe('prediction files', () => {
  it('measures what per-class thresholds would give on test, as sklearn does', async () => {
    const r = validateReport(JSON.parse(JSON.stringify(await evaluatePredictionFiles(SPLITS))), 'r.json');
    const t = r.thresholdTuning!;
    expect(t).toMatchObject({ from: 'validation', to: 'test', objective: 'recall-at-precision', minPrecision: 0.5 });
    expect(t.classesTuned).toBe(Object.values(DEFAULT_RUN.thresholds).filter((v) => v !== 0.5).length);
    expect(t.current.recall).toBeCloseTo(DEFAULT_RUN.current.recall, 12);
    expect(t.tuned.recall).toBeCloseTo(DEFAULT_RUN.tuned.recall, 12);
    expect(t.tuned.precision).toBeCloseTo(DEFAULT_RUN.tuned.precision, 12);
    // The evaluation's own thresholds give the report's own macro figures.
    expect(t.current.recall).toBeCloseTo(r.splits.test.metrics.recall_macro, 12);
    expect(t.current.precision).toBeCloseTo(r.splits.test.metrics.precision_macro, 12);

    const c = compareReports(r, r, RULES);
    expect(DEFAULT_RUN.tuned.recall - DEFAULT_RUN.current.recall).toBeGreaterThan(SUGGEST_MIN_GAIN);
    expect(c.diagnostics?.thresholds?.recall.tuned).toBeCloseTo(DEFAULT_RUN.tuned.recall, 12);
    // In the comment's Diagnostics section.
    const md = renderComment(c, { key: 'tuning' });
    const diagnostics = md.slice(md.indexOf('**Diagnostics**'));
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    expect(diagnostics).toContain(
      `💡 Per-class thresholds would raise test macro recall from ${pct(DEFAULT_RUN.current.recall)} to ${pct(DEFAULT_RUN.tuned.recall)}`,
    );
    expect(diagnostics).toContain('modelgate thresholds --split validation=… --split test=…');
  });

  it('no suggestion when validation and test are the same file: nothing would be held out', async () => {
    const same = [
      { name: 'validation', path: `${FIX}/validation.csv` },
      { name: 'test', path: `${FIX}/validation.csv` },
    ];
    const r = await evaluatePredictionFiles(same);
    expect(r.thresholdTuning!.tuned.recall - r.thresholdTuning!.current.recall).toBeGreaterThan(SUGGEST_MIN_GAIN);
    const c = compareReports(r, r, RULES);
    expect(c.diagnostics?.thresholds).toBeUndefined();
    expect(renderComment(c, { key: 'tuning' })).not.toContain('Per-class thresholds would raise');
  });

  it('no suggestion once the tuned thresholds are in use', async () => {
    const r = await evaluatePredictionFiles(SPLITS, { perClassThreshold: DEFAULT_RUN.thresholds });
    expect(r.thresholdTuning!.tuned.recall).toBeCloseTo(r.thresholdTuning!.current.recall, 12);
    expect(compareReports(r, r, RULES).diagnostics?.thresholds).toBeUndefined();
  });

  it('absent without a validation split, for multiclass predictions and for a shard', async () => {
    expect((await evaluatePredictionFiles([SPLITS[1]])).thresholdTuning).toBeUndefined();
    const mc = [
      { name: 'validation', path: 'fixtures/predictions/multiclass.scores.csv' },
      { name: 'test', path: 'fixtures/predictions/multiclass.scores.csv' },
    ];
    expect((await evaluatePredictionFiles(mc)).thresholdTuning).toBeUndefined();
    expect((await evaluatePredictionFiles(SPLITS, { shard: { index: 1, count: 2 } })).thresholdTuning).toBeUndefined();
  });
});

it('a multi-label model run measures it from the model’s scores', async () => {
  const backend = await selectBackend('cpu');
  const m = backend.tf.sequential({
    layers: [
      backend.tf.layers.dense({
        inputShape: [6],
        units: 3,
        activation: 'sigmoid',
        kernelInitializer: backend.tf.initializers.glorotUniform({ seed: 3 }),
      }),
    ],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-tune-'));
  try {
    await m.save(
      tf.io.withSaveHandler(async (a) => {
        writeFileSync(path.join(dir, 'w.bin'), Buffer.from(a.weightData as ArrayBuffer));
        writeFileSync(
          path.join(dir, 'model.json'),
          JSON.stringify({
            format: 'layers-model',
            modelTopology: a.modelTopology,
            weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }],
          }),
        );
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const file = path.resolve('fixtures/model-data/multilabel.csv');
    const { report } = await evaluateModel({
      model: dir,
      data: [
        { name: 'validation', path: file },
        { name: 'test', path: file },
      ],
      backendHandle: backend,
      classes: ['cat', 'dog', 'eel'],
      task: 'multilabel',
      perClassThreshold: { eel: 0.3 },
    });
    const t = report.thresholdTuning!;
    expect(t.current.recall).toBeCloseTo(report.splits.test.metrics.recall_macro, 12);
    expect(t.current.precision).toBeCloseTo(report.splits.test.metrics.precision_macro, 12);
    expect(t.classesTuned + t.classesKept).toBe(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
