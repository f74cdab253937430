// "Above" and "below": each provider against the rest of the programme (itself left out, so a large provider
// is not compared partly with itself) by Welch's t-test, with Holm's step-down correction across the providers
// shown together, so that testing twenty providers does not make one of them "above" by chance.
import { type ProviderIndexSums, sampleVarianceFromSums } from './quality-stats.ts'
import { twoSidedP } from './student-t.ts'

/** The familywise error rate of the comparison labels. */
export const ALPHA = 0.05

export type Comparison = 'above' | 'below' | 'no_different'

export type Sample = { n: number; mean: number; variance: number }

export type WelchTest = {
  /** Mean of the first sample minus mean of the second. */
  difference: number
  t: number
  /** Welch-Satterthwaite degrees of freedom (fractional). */
  df: number
  /** Two-sided p-value before any correction. */
  p: number
}

/**
 * Welch's unequal-variances t-test (Welch 1947): t = (m_a - m_b) / sqrt(v_a/n_a + v_b/n_b) with
 * df = (v_a/n_a + v_b/n_b)^2 / ((v_a/n_a)^2/(n_a - 1) + (v_b/n_b)^2/(n_b - 1)). Null when a sample has fewer
 * than two values or the standard errors are 0, or so small that df cannot be computed (nothing to test against).
 */
export function welchTest(a: Sample, b: Sample): WelchTest | null {
  if (a.n < 2 || b.n < 2) return null
  const ea = a.variance / a.n
  const eb = b.variance / b.n
  const se2 = ea + eb
  if (!(se2 > 0)) return null
  const df = (se2 * se2) / ((ea * ea) / (a.n - 1) + (eb * eb) / (b.n - 1))
  // Standard errors so small that their squares underflow (answers alike up to float noise) leave df 0/0:
  // there is no spread to test against, as with both at 0.
  if (!(df > 0)) return null
  const difference = a.mean - b.mean
  const t = difference / Math.sqrt(se2)
  return { difference, t, df, p: twoSidedP(t, df) }
}

/**
 * Holm's step-down adjusted p-values (Holm 1979), in the order given: sorted ascending, the j-th smallest
 * (j = 1..m) becomes max over i <= j of min(1, (m - i + 1) p_(i)). A hypothesis is rejected at level alpha
 * exactly when its adjusted p-value is below alpha, which is Holm's procedure.
 */
export function holmAdjust(ps: readonly number[]): number[] {
  const m = ps.length
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i)
  const adjusted = new Array<number>(m)
  let running = 0
  for (const [rank, { p, i }] of order.entries()) {
    running = Math.max(running, Math.min(1, (m - rank) * p))
    adjusted[i] = running
  }
  return adjusted
}

export type RestComparison = WelchTest & {
  /** Mean index of every other provider's answers together. */
  restMean: number
  restResponses: number
  /** p after Holm's correction across the family. */
  pAdjusted: number
  /** How many providers were tested together (Holm's m). */
  family: number
}

export type ComparisonResult = { comparison: Comparison; test: RestComparison | null }

/**
 * Compares every provider marked in `family` with the rest of the programme (all other rows, family or not).
 * The provider's variance is the larger of its own and pooledVariance, as for its interval. A provider
 * without a test (fewer than two answers, or fewer than two elsewhere) is no_different and not counted in m.
 */
export function compareWithRest(
  rows: readonly ProviderIndexSums[],
  family: readonly boolean[],
  pooledVariance: number | null,
): ComparisonResult[] {
  const total = rows.reduce(
    (t, r) => ({ n: t.n + r.n, sum: t.sum + r.sum, sumOfSquares: t.sumOfSquares + r.sumOfSquares }),
    { n: 0, sum: 0, sumOfSquares: 0 },
  )
  const tests = rows.map((r, i) => {
    if (!family[i] || r.n < 2) return null
    const rest = { n: total.n - r.n, sum: total.sum - r.sum, sumOfSquares: total.sumOfSquares - r.sumOfSquares }
    const restVariance = sampleVarianceFromSums(rest.n, rest.sum, rest.sumOfSquares)
    if (restVariance === null) return null
    const own = sampleVarianceFromSums(r.n, r.sum, r.sumOfSquares) as number
    const restMean = rest.sum / rest.n
    const test = welchTest(
      { n: r.n, mean: r.sum / r.n, variance: Math.max(own, pooledVariance ?? 0) },
      { n: rest.n, mean: restMean, variance: restVariance },
    )
    return test && { ...test, restMean, restResponses: rest.n }
  })
  const done = tests.flatMap((t) => (t === null ? [] : [t]))
  const adjusted = holmAdjust(done.map((t) => t.p))
  let next = 0
  return tests.map((t): ComparisonResult => {
    if (t === null) return { comparison: 'no_different', test: null }
    const test = { ...t, pAdjusted: adjusted[next++], family: done.length }
    const comparison = test.pAdjusted >= ALPHA ? 'no_different' : test.difference > 0 ? 'above' : 'below'
    return { comparison, test }
  })
}
