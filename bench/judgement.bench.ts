// The gate's judgement on real models (issue 8): pairs of models from the same training code
// with different seeds (20 seeds per data set: digits, breast cancer, wine; predictions in
// fixtures/judgement/), compared under the default rules.
// 1. No real change: every pair of seeds (190 per data set): share of pass / warn / fail.
//    Goal: fail <= 5%, warn <= 20%.
// 2. Injected damage into the head of 19 consecutive pairs per data set: a held-out drop (a
//    share of the right validation and test answers turned wrong) and a class losing a share
//    of the examples it found: the share flagged (warn or fail) and failed.
// 3. Seed replicates (merge --replicates), 3 seeds a side, every pair of disjoint groups: the
//    same shares with no real change and with the damage injected into every head run.
// 4. The diagnostics' threshold-free metrics (the same seed models with their scores, and a
//    multi-label digits model): every pair of seeds, the share whose comment shows a metric as
//    worse or a class's ranking drop (goal: <= 5%); and with damage injected into the head's
//    scores, the share that shows one.
// Size: MODELGATE_BENCH_JUDGEMENT_PAIRS (default all pairs for the null runs);
// MODELGATE_BENCH_JUDGEMENT_PART=diagnostics runs part 4 only.

import { datasets, judgeReplicateGroups, judgeSeedPairs, type Damage, type Tally } from '../test/helpers/judgement.js';
import { diagnosticsNoise, scoredDatasets, type NoiseTally, type ScoreDamage } from '../test/helpers/judgement-scores.js';

const pctOf = (k: number, n: number) => `${((100 * k) / Math.max(1, n)).toFixed(1)}%`;

function line(label: string, t: Tally): string {
  return `${label.padEnd(34)} ${String(t.pairs).padStart(4)} pairs: pass ${pctOf(t.pass, t.pairs).padStart(6)}, warn ${pctOf(t.warn, t.pairs).padStart(6)}, fail ${pctOf(t.fail, t.pairs).padStart(6)}`;
}

function add(a: Tally, b: Tally): Tally {
  return { pairs: a.pairs + b.pairs, pass: a.pass + b.pass, warn: a.warn + b.warn, fail: a.fail + b.fail };
}

export async function run(): Promise<void> {
  const env = process.env.MODELGATE_BENCH_JUDGEMENT_PAIRS;
  const nullPairs = env ? Number(env) : 'all';
  const zero: Tally = { pairs: 0, pass: 0, warn: 0, fail: 0 };
  const t0 = performance.now();
  if (process.env.MODELGATE_BENCH_JUDGEMENT_PART === 'diagnostics') {
    await diagnosticsLines(nullPairs);
    console.log(`judgement bench: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return;
  }
  let total = zero;
  console.log('same code, different seeds (no real change):');
  for (const ds of datasets()) {
    const t = await judgeSeedPairs(ds, { pairs: nullPairs });
    total = add(total, t);
    console.log(`  ${line(ds, t)}`);
  }
  console.log(`  ${line('all', total)}`);
  const damages: [string, Damage][] = [
    ['held-out drop, 3% of right answers', { kind: 'heldout', share: 0.03 }],
    ['held-out drop, 6% of right answers', { kind: 'heldout', share: 0.06 }],
    ['largest class loses 30% of found', { kind: 'class', share: 0.3 }],
    ['largest class loses 50% of found', { kind: 'class', share: 0.5 }],
  ];
  for (const [label, damage] of damages) {
    console.log(`injected: ${label}:`);
    let all = zero;
    for (const ds of datasets()) {
      const t = await judgeSeedPairs(ds, { pairs: 19, damage });
      all = add(all, t);
      console.log(`  ${line(ds, t)}  detected ${pctOf(t.warn + t.fail, t.pairs)}`);
    }
    console.log(`  ${line('all', all)}  detected ${pctOf(all.warn + all.fail, all.pairs)}`);
  }
  // 3. Seed replicates: groups of 3 seeds a side (merge --replicates), every pair of groups.
  const k = 3;
  for (const [label, damage] of [['no real change', undefined], ...damages] as [string, Damage | undefined][]) {
    console.log(`replicates, ${k} seeds a side: ${label}:`);
    let all = zero;
    for (const ds of datasets()) {
      const t = await judgeReplicateGroups(ds, { k, damage });
      all = add(all, t);
      console.log(`  ${line(ds, t)}${damage ? `  detected ${pctOf(t.warn + t.fail, t.pairs)}` : ''}`);
    }
    console.log(`  ${line('all', all)}${damage ? `  detected ${pctOf(all.warn + all.fail, all.pairs)}` : ''}`);
  }
  await diagnosticsLines(nullPairs);
  console.log(`judgement bench: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function noiseLine(label: string, t: NoiseTally): string {
  const lines = [...t.byLine].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`);
  return `${label.padEnd(34)} ${String(t.pairs).padStart(4)} pairs: shown ${pctOf(t.shown, t.pairs).padStart(6)}${lines.length ? `  (${lines.join(', ')})` : ''}`;
}

/** Part 4: the diagnostics' lines with no real change and with damaged scores. */
async function diagnosticsLines(nullPairs: 'all' | number): Promise<void> {
  const runs: [string, ScoreDamage | undefined][] = [
    ['no real change', undefined],
    ['10% of rows a class along', { kind: 'rows', share: 0.1 }],
    ['overconfident (squared) scores', { kind: 'sharpen', share: 1 }],
  ];
  for (const [label, damage] of runs) {
    console.log(`diagnostics lines, ${label}${damage ? '' : ' (goal: shown <= 5%)'}:`);
    let shown = 0;
    let pairs = 0;
    for (const ds of scoredDatasets()) {
      const t = await diagnosticsNoise(ds, { pairs: damage ? 19 : nullPairs, damage });
      shown += t.shown;
      pairs += t.pairs;
      console.log(`  ${noiseLine(ds, t)}`);
    }
    const goal = damage ? '' : `  ${shown <= 0.05 * pairs ? 'PASS' : 'FAIL'}`;
    console.log(`  ${'all'.padEnd(34)} ${String(pairs).padStart(4)} pairs: shown ${pctOf(shown, pairs).padStart(6)}${goal}`);
  }
}
