// Realistic Comparison objects for renderer tests and for docs/comment-example.md. Built by
// hand from the `Comparison` type (the comparison engine is written separately): counts are
// consistent (delta = head recall - base recall), q-values are plausible McNemar/BH values.

import type {
  ClassDelta,
  ClassStatus,
  ClassTest,
  Comparison,
  GapDelta,
  Level,
  MetricDelta,
} from '../../src/core/compare/types.js';

export function classDelta(
  name: string,
  split: string,
  base: [number, number] | null,
  head: [number, number] | null,
  status: ClassStatus,
  level: Level = 'ok',
  test?: ClassTest,
): ClassDelta {
  const b = base ? { found: base[0], support: base[1] } : null;
  const h = head ? { found: head[0], support: head[1] } : null;
  const delta = b && h && b.support > 0 && h.support > 0 ? h.found / h.support - b.found / b.support : null;
  return { name, split, base: b, head: h, delta, status, level, ...(test ? { test } : {}) };
}

export function metric(
  split: string,
  name: string,
  base: number | null,
  head: number | null,
  level: Level = 'ok',
  ci?: [number, number],
  reason?: string,
): MetricDelta {
  return {
    split,
    metric: name,
    higherIsBetter: name !== 'hamming_loss',
    base,
    head,
    delta: base !== null && head !== null ? head - base : null,
    ...(ci ? { ci: { lo: ci[0], hi: ci[1], level: 0.95 } } : {}),
    level,
    ...(reason ? { reason } : {}),
  };
}

export function gap(
  name: GapDelta['gap'],
  metricName: string,
  base: number | null,
  head: number | null,
  level: Level = 'ok',
  ci?: [number, number],
): GapDelta {
  return {
    gap: name,
    metric: metricName,
    // The direction of the gap value (as the engine sets it): a larger accuracy gap is worse.
    higherIsBetter: metricName === 'hamming_loss',
    base,
    head,
    delta: base !== null && head !== null ? head - base : null,
    ...(ci ? { ci: { lo: ci[0], hi: ci[1], level: 0.95 } } : {}),
    level,
  };
}

const mcnemar = (b: number, c: number, p: number, q: number): ClassTest => ({ kind: 'mcnemar', b, c, p, q });

const BASE_SIDE = {
  commit: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
  source: 'ref:3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39:reports/main.json',
  toolVersion: '0.1.0',
};
const HEAD_SIDE = {
  commit: '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c',
  source: 'evaluated at 9b8c7d6',
  toolVersion: '0.1.0',
};

/** The shape the comparison engine reports its effective rules in (nested, kebab-case). */
const SETTINGS = {
  headline: {
    metrics: ['accuracy', 'recall_macro', 'f1_macro'],
    splits: 'all',
    'max-drop': { default: { warn: 1, fail: 2 } },
  },
  gaps: { metrics: ['accuracy'], 'max-increase': { default: { warn: 2, fail: 5 } } },
  classes: {
    splits: 'validation and test',
    'min-drop': 5,
    'min-support': 1,
    ignore: [],
    catastrophic: { 'min-found': 5, level: 'fail' },
  },
  fdr: { level: 0.05, method: 'bh' },
  bootstrap: { resamples: 1000, seed: 1, confidence: 0.95 },
};

/** A 10-class image classifier that got worse on test: recall_macro down with a CI, the train-validation gap grew, 3 classes regressed (1 catastrophic). */
export function multiclassFail(): Comparison {
  const t = 'test';
  const classes: ClassDelta[] = [
    classDelta('horse', t, [12, 100], [0, 100], 'catastrophic', 'fail', mcnemar(12, 0, 0.00024, 0.0012)),
    classDelta('cat', t, [41, 52], [30, 52], 'regression', 'fail', mcnemar(13, 2, 0.0037, 0.0031)),
    classDelta('bird', t, [70, 100], [58, 100], 'regression', 'fail', mcnemar(17, 5, 0.0085, 0.021)),
    classDelta('ship', t, [85, 100], [93, 100], 'improvement', 'ok', {
      ...mcnemar(1, 9, 0.999, 0.999),
      qUp: 0.027, // its own (mirror) test: P(X >= 9 | Bin(10, 1/2)) = 0.011, BH-adjusted
    }),
    classDelta('dog', t, [62, 100], [59, 100], 'noise', 'ok', mcnemar(7, 4, 0.27, 0.45)),
    classDelta('airplane', t, [80, 100], [78, 100], 'noise', 'ok', mcnemar(5, 3, 0.36, 0.51)),
    classDelta('frog', t, [88, 100], [90, 100], 'noise', 'ok', mcnemar(2, 4, 0.89, 0.99)),
    classDelta('truck', t, [90, 100], [88, 100], 'noise', 'ok', mcnemar(4, 2, 0.34, 0.51)),
    classDelta('automobile', t, [91, 100], [91, 100], 'unchanged', 'ok', mcnemar(0, 0, 1, 1)),
    classDelta('deer', t, [3, 4], [2, 4], 'too-few', 'ok', mcnemar(1, 0, 0.5, 1)),
  ];
  return {
    schema: 'modelgate/comparison@1',
    verdict: 'fail',
    reasons: ['test recall_macro fell 4.1 pts [−6.0, −2.2]', '3 classes regressed (horse no longer found)'],
    task: 'multiclass',
    base: BASE_SIDE,
    head: HEAD_SIDE,
    splits: { both: ['train', 'validation', 'test'], onlyBase: [], onlyHead: [] },
    sameExamples: { train: true, validation: true, test: true },
    methods: {
      train: { classTest: 'mcnemar', why: 'same examples: paired' },
      validation: { classTest: 'mcnemar', why: 'same examples: paired' },
      test: { classTest: 'mcnemar', why: 'same examples: paired' },
    },
    headline: [
      metric('train', 'accuracy', 0.931, 0.962),
      metric('validation', 'accuracy', 0.91, 0.899, 'ok', [-0.021, -0.001]),
      metric('test', 'accuracy', 0.7463, 0.7165, 'fail', [-0.044, -0.016], 'test accuracy fell 3.0 pts'),
      metric('test', 'recall_macro', 0.724, 0.683, 'fail', [-0.06, -0.022], 'test recall_macro fell 4.1 pts'),
      metric('test', 'f1_macro', 0.718, 0.689, 'warn', [-0.047, -0.011]),
    ],
    gaps: [
      gap('train-validation', 'accuracy', 0.021, 0.063, 'warn', [0.031, 0.054]),
      gap('validation-test', 'accuracy', 0.1637, 0.1825, 'ok', [-0.004, 0.041]),
    ],
    classes,
    classesAdded: [],
    classesRemoved: [],
    noise: { test: 4 },
    sanity: [],
    settings: SETTINGS,
  };
}

/** Deterministic long hierarchical label names (about 200 characters), as in a product taxonomy. */
export function longLabel(i: number, length = 200): string {
  const parts = [
    'Consumer Goods',
    'Home & Garden',
    'Kitchen Appliances and Small Electrical Equipment',
    'Food Preparation',
  ];
  const base = `${parts.join(' > ')} > category ${String(i).padStart(4, '0')} `;
  const filler = 'with extended descriptive qualifier ';
  let s = base;
  while (s.length < length - 12) s += filler;
  return (s.slice(0, length - 12) + ` [id ${String(i).padStart(5, '0')}]`).slice(0, length);
}

/** A multi-label model with 485 labels of ~200 characters on two splits: a warn with a few regressions. */
export function multilabel485(): Comparison {
  const classes: ClassDelta[] = [];
  const noise: Record<string, number> = { validation: 0, test: 0 };
  for (const split of ['validation', 'test']) {
    for (let i = 0; i < 485; i++) {
      const name = longLabel(i);
      const support = 20 + ((i * 37) % 180);
      const bf = Math.round(support * (0.55 + ((i * 13) % 40) / 100));
      let status: ClassStatus = 'unchanged';
      let level: Level = 'ok';
      let hf = bf;
      let test: ClassTest | undefined = mcnemar(0, 0, 1, 1);
      if (i % 97 === 5) {
        status = 'regression';
        level = split === 'test' ? 'warn' : 'ok';
        hf = Math.max(0, bf - Math.round(support * 0.2));
        test = mcnemar(bf - hf + 2, 2, 0.0004 + i / 1e6, 0.004 + i / 1e5);
      } else if (i === 300 && split === 'test') {
        status = 'catastrophic';
        level = 'warn';
        hf = 0;
        test = mcnemar(bf, 0, 1e-7, 2e-6);
      } else if (i % 61 === 7) {
        status = 'improvement';
        hf = Math.min(support, bf + Math.round(support * 0.15));
        test = mcnemar(1, hf - bf + 1, 0.999, 0.999);
      } else if (i % 4 === 1) {
        status = 'noise';
        hf = Math.max(0, bf + ((i % 3) - 1) * 2);
        test = mcnemar(3, 3 + ((i % 3) - 1) * 2, 0.4, 0.8);
        noise[split]++;
      } else if (i % 16 === 2) {
        status = 'too-few';
        test = undefined;
      }
      classes.push(classDelta(name, split, [bf, support], [hf, support], status, level, test));
    }
  }
  return {
    schema: 'modelgate/comparison@1',
    verdict: 'warn',
    reasons: ['6 labels regressed on test, 1 no longer predicted', 'test hamming_loss rose 0.04 pts'],
    task: 'multilabel',
    base: BASE_SIDE,
    head: HEAD_SIDE,
    splits: { both: ['validation', 'test'], onlyBase: [], onlyHead: [] },
    sameExamples: { validation: true, test: true },
    methods: {
      validation: { classTest: 'mcnemar', why: 'same examples: paired' },
      test: { classTest: 'mcnemar', why: 'same examples: paired' },
    },
    headline: [
      metric('validation', 'f1_micro', 0.6412, 0.6398, 'ok', [-0.004, 0.0012]),
      metric('validation', 'hamming_loss', 0.0061, 0.0062, 'ok', [-0.0001, 0.0003]),
      metric('test', 'f1_micro', 0.6321, 0.6255, 'warn', [-0.011, -0.002]),
      metric('test', 'subset_accuracy', 0.2204, 0.2113, 'warn', [-0.016, -0.002]),
      metric('test', 'hamming_loss', 0.0063, 0.0067, 'warn', [0.0001, 0.0007]),
    ],
    gaps: [gap('validation-test', 'f1_micro', 0.0091, 0.0143, 'ok', [-0.001, 0.011])],
    classes,
    classesAdded: [],
    classesRemoved: [],
    noise,
    sanity: [],
    settings: SETTINGS,
  };
}

/** No baseline report: head's scores only. */
export function noBaseline(): Comparison {
  const classes = ['airplane', 'automobile', 'bird', 'cat'].map((n, i) =>
    classDelta(n, 'test', null, [80 - i * 7, 100], 'unchanged'),
  );
  return {
    schema: 'modelgate/comparison@1',
    verdict: 'no-baseline',
    reasons: ['no baseline report for the base branch'],
    task: 'multiclass',
    base: null,
    head: HEAD_SIDE,
    splits: { both: [], onlyBase: [], onlyHead: ['train', 'test'] },
    sameExamples: {},
    methods: {},
    headline: [
      metric('train', 'accuracy', null, 0.962),
      metric('test', 'accuracy', null, 0.7165),
      metric('test', 'recall_macro', null, 0.683),
    ],
    gaps: [gap('validation-test', 'accuracy', null, 0.0412)],
    classes,
    classesAdded: [],
    classesRemoved: [],
    noise: {},
    sanity: [],
    settings: {},
  };
}

/** Nothing got worse. */
export function passing(): Comparison {
  const classes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((n, i) =>
    classDelta(
      n,
      'test',
      [170 + i, 180],
      [171 + i - (i % 3), 180],
      i % 3 === 1 ? 'unchanged' : 'noise',
      'ok',
      mcnemar(1, 2, 0.6, 0.9),
    ),
  );
  return {
    schema: 'modelgate/comparison@1',
    verdict: 'pass',
    reasons: ['no significant regression on test'],
    task: 'multiclass',
    base: BASE_SIDE,
    head: HEAD_SIDE,
    splits: { both: ['test'], onlyBase: [], onlyHead: [] },
    sameExamples: { test: true },
    methods: { test: { classTest: 'mcnemar', why: 'same examples: paired' } },
    headline: [metric('test', 'accuracy', 0.9611, 0.9633, 'ok', [-0.003, 0.0075])],
    gaps: [],
    classes,
    classesAdded: [],
    classesRemoved: [],
    noise: { test: 7 },
    sanity: [],
    settings: SETTINGS,
  };
}

/** Classes added and removed, a split on each side only, different examples on test, sanity findings. */
export function structuralChanges(): Comparison {
  const classes: ClassDelta[] = [
    classDelta('cat', 'test', [41, 52], [30, 48], 'regression', 'fail', {
      kind: 'newcombe',
      p: 0.004,
      q: 0.012,
      ci: { lo: -0.36, hi: -0.06, level: 0.95 },
    }),
    classDelta('dog', 'test', [50, 60], [47, 58], 'noise', 'ok', {
      kind: 'newcombe',
      p: 0.3,
      q: 0.6,
      ci: { lo: -0.15, hi: 0.08, level: 0.95 },
    }),
    classDelta('fox', 'test', [10, 12], null, 'removed'),
    classDelta('wolf', 'test', null, [8, 11], 'added'),
    classDelta('cat', 'validation', [40, 50], [39, 50], 'noise', 'ok', mcnemar(3, 2, 0.5, 0.7)),
    classDelta('dog', 'validation', [45, 50], [45, 50], 'unchanged', 'ok', mcnemar(0, 0, 1, 1)),
    classDelta('fox', 'validation', [9, 10], null, 'removed'),
    classDelta('wolf', 'validation', null, [7, 10], 'added'),
  ];
  return {
    schema: 'modelgate/comparison@1',
    verdict: 'fail',
    reasons: ['model outputs one class for 97% of test examples', 'cat regressed on test'],
    task: 'multiclass',
    base: BASE_SIDE,
    head: HEAD_SIDE,
    splits: { both: ['validation', 'test'], onlyBase: ['holdout'], onlyHead: ['train'] },
    sameExamples: { validation: true, test: false },
    methods: {
      validation: { classTest: 'mcnemar', why: 'same examples: paired' },
      test: { classTest: 'newcombe', why: 'label fingerprints differ: unpaired' },
    },
    headline: [
      metric('validation', 'accuracy', 0.86, 0.85, 'ok', [-0.03, 0.01]),
      metric('test', 'accuracy', 0.84, 0.81, 'warn'),
    ],
    gaps: [gap('validation-test', 'accuracy', 0.02, 0.04, 'ok')],
    classes,
    classesAdded: ['wolf'],
    classesRemoved: ['fox'],
    noise: { validation: 1, test: 1 },
    sanity: [
      {
        level: 'fail',
        split: 'test',
        code: 'collapsed',
        message: 'model outputs one class (dog) for 97% of test examples',
      },
      { level: 'warn', code: 'not-probabilities', message: 'scores do not sum to 1 on 12% of rows' },
    ],
    settings: SETTINGS,
  };
}

/** Hostile strings, used as class, split and metric names, reasons and messages. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</details>',
  '</summary><b>x',
  '@octocat',
  '@org/team',
  'mail me@example.com',
  '#1',
  'GH-1',
  'org/repo#12',
  '[x](http://evil)',
  '![img](http://evil/x.png)',
  'http://evil.example',
  'https://evil.example/path?q=1',
  'www.evil.example',
  'a|b',
  'line\nbreak',
  'cr\rreturn',
  '```js\nalert(1)\n```',
  '`code`',
  '<!-- modelgate:comment key=x -->',
  '**bold**',
  '__under__',
  '~~strike~~',
  '\\|',
  'ends with backslash \\',
  'rtl \u202Egnp.exe',
  'null\u0000byte',
  'esc \u001b[31mred',
  '&lt;entity&gt; &amp;',
  ':smile: :+1:',
  '$x^2$',
  '# heading',
  '> quote',
  '- list',
  '<script>alert(1)</script>',
  'lone \uD800 surrogate',
  '',
  '   ',
];

/** A comparison with `n` classes per split, names from `nameOf`, every kind of status present. */
export function bigComparison(n: number, nameOf: (i: number) => string, splits: string[] = ['test']): Comparison {
  const classes: ClassDelta[] = [];
  const noise: Record<string, number> = {};
  const statuses: ClassStatus[] = [
    'regression',
    'improvement',
    'noise',
    'noise',
    'too-few',
    'unchanged',
    'noise',
    'catastrophic',
    'ignored',
  ];
  for (const split of splits) {
    noise[split] = 0;
    for (let i = 0; i < n; i++) {
      const status = statuses[i % statuses.length];
      const support = 30 + (i % 50);
      const bf = Math.round(support * 0.8);
      const hf =
        status === 'regression'
          ? bf - 10
          : status === 'improvement'
            ? Math.min(support, bf + 5)
            : status === 'catastrophic'
              ? 0
              : status === 'noise'
                ? bf - 1
                : bf;
      if (status === 'noise') noise[split]++;
      const level: Level = status === 'regression' || status === 'catastrophic' ? 'fail' : 'ok';
      classes.push(
        classDelta(
          nameOf(i),
          split,
          [bf, support],
          [hf, support],
          status,
          level,
          mcnemar(10, 1, 0.001 + i / 1e7, 0.01 + i / 1e6),
        ),
      );
    }
  }
  return {
    schema: 'modelgate/comparison@1',
    verdict: 'fail',
    reasons: [`${Math.ceil(n / 9) * 2} classes regressed`],
    task: 'multilabel',
    base: BASE_SIDE,
    head: HEAD_SIDE,
    splits: { both: splits, onlyBase: [], onlyHead: [] },
    sameExamples: Object.fromEntries(splits.map((s) => [s, true])),
    methods: Object.fromEntries(
      splits.map((s) => [s, { classTest: 'mcnemar' as const, why: 'same examples: paired' }]),
    ),
    headline: splits.flatMap((s) => [
      metric(s, 'f1_micro', 0.64, 0.62, 'fail', [-0.03, -0.01]),
      metric(s, 'hamming_loss', 0.0063, 0.0067, 'warn'),
    ]),
    gaps: [],
    classes,
    classesAdded: Array.from({ length: Math.floor(n / 10) }, (_, i) => nameOf(n + i)),
    classesRemoved: Array.from({ length: Math.floor(n / 20) }, (_, i) => nameOf(2 * n + i)),
    noise,
    sanity: [],
    settings: SETTINGS,
  };
}
