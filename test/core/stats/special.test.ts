import { erfc, lgamma, logBinomPmf, normalCdf, normalQuantile } from '../../../src/core/stats/special.js';
import { expectClose, oracle } from './oracle.js';

describe('special functions against scipy', () => {
  it('lgamma matches scipy.special.gammaln', () => {
    for (const { x, y } of oracle.lgamma) expectClose(lgamma(x), y, 1e-13, 1e-14);
  });

  it('binomial log pmf matches scipy.stats.binom.logpmf, including n = 1e6', () => {
    for (const { x, n, prob, logpmf } of oracle.binomLogPmf) expectClose(logBinomPmf(x, n, prob), logpmf, 1e-12, 1e-13);
  });

  it('normal quantile matches scipy.stats.norm.ppf down to 1e-300', () => {
    for (const { p, z } of oracle.normalQuantile) expectClose(normalQuantile(p), z, 1e-13);
  });

  it('normal CDF matches scipy.stats.norm.cdf in both tails', () => {
    for (const { x, p } of oracle.normalCdf) expectClose(normalCdf(x), p, 1e-11, 1e-300);
  });

  it('erfc is continuous where the series hands over to the continued fraction', () => {
    const left = erfc(2 - 1e-12);
    const right = erfc(2);
    expectClose(left, right, 1e-10);
  });
});
