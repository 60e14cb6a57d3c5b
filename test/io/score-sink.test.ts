// Every reader hands the same scores to a ScoreSink, and the per-class histograms they fill count
// "score >= t" exactly as a direct count over the scores (parsed here with JSON.parse, apart from
// the readers) does, at every threshold t = b / bins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassIndex } from '../../src/core/classes.js';
import { ScoreHistograms } from '../../src/core/metrics/score-histograms.js';
import { openPredictions } from '../../src/io/predictions.js';

const DIR = join(process.cwd(), 'fixtures/predictions');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { classes: string[] }>;
const FORMATS = ['scores.csv', 'scores.jsonl', 'npy', 'npz', 'compressed.npz'];

/** For class c: [positives >= t, negatives >= t] at every t = b / bins, counted over the raw rows. */
function directCounts(name: string, classes: string[], bins: number): number[][][] {
  const rows = readFileSync(join(DIR, `${name}.scores.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { label?: string; labels?: string[]; scores: Record<string, number> });
  return classes.map((c) => {
    const out: number[][] = [];
    for (let b = 0; b <= bins; b++) {
      let pos = 0;
      let neg = 0;
      for (const r of rows) {
        const truth = r.labels ?? [r.label];
        if (r.scores[c] >= b / bins) {
          if (truth.includes(c)) pos++;
          else neg++;
        }
      }
      out.push([pos, neg]);
    }
    return out;
  });
}

describe.each(['multiclass', 'multilabel', 'binary'])('%s scores', (name) => {
  const classes = EXPECTED[name].classes;
  it.each(FORMATS)('%s fills the histograms the direct count gives (bins 20 and 1000, batches of 3)', async (fmt) => {
    for (const bins of [20, 1000]) {
      const sink = new ScoreHistograms(bins);
      const s = await openPredictions(join(DIR, `${name}.${fmt}`), {
        classes: new ClassIndex(classes, true),
        scores: sink,
        batchSize: 3,
      });
      let n = 0;
      for await (const b of s.batches) n += b.n;
      expect(sink.examples).toBe(n);
      const want = directCounts(name, classes, bins);
      classes.forEach((_, c) => {
        const pos = sink.atOrAbove(c, true);
        const neg = sink.atOrAbove(c, false);
        const got = Array.from(pos, (p, b) => [p, neg[b]]);
        expect(got).toEqual(want[c]);
      });
    }
  });
});

it('files with predicted names never call the sink', async () => {
  const sink = new ScoreHistograms();
  const s = await openPredictions(join(DIR, 'multilabel.pred.csv'), {
    classes: new ClassIndex(EXPECTED.multilabel.classes, true),
    scores: sink,
  });
  for await (const b of s.batches) expect(b.n).toBeGreaterThan(0);
  expect(sink.examples).toBe(0);
});
