// The gate under no real change and under a real change, on 485 long-tailed classes. Supports
// are scaled to 10..5,000 (about 390,000 examples per run) to keep the test fast; the bench
// (bench/stats.bench.ts) runs the same simulation with supports up to 20,000.
import { simulateGate } from '../../helpers/gate-simulation.js';

describe('gate simulation (485 classes, long-tailed support 10..2,000)', () => {
  it('with only symmetric flips: the gate rarely fails, the naive 5-point rule nearly always does', () => {
    const r = simulateGate({ reps: 200, seed: 11 });
    // FDR 0.05: under the complete null BH fails a run with probability <= 0.05 (less with discrete tests).
    expect(r.gateFails / r.reps).toBeLessThanOrEqual(0.06);
    expect(r.naiveFails / r.reps).toBeGreaterThanOrEqual(0.95);
    console.log(
      `null: gate fails ${r.gateFails}/${r.reps}, naive fails ${r.naiveFails}/${r.reps}, ${r.examples} examples/run`,
    );
  });

  it('finds a real 20-point drop injected into 5 classes with support >= 50', () => {
    const r = simulateGate({ reps: 100, seed: 12, inject: { count: 5, drop: 0.2, minSupport: 50 } });
    expect(r.gateFails / r.reps).toBeGreaterThanOrEqual(0.95);
    expect(r.detected / r.injectedTotal).toBeGreaterThanOrEqual(0.85);
    console.log(
      `injected: gate fails ${r.gateFails}/${r.reps}, detected ${r.detected}/${r.injectedTotal} classes, all five in ${r.allDetectedRuns} runs, false flags ${r.falseFlags}`,
    );
  });
});
