// Fee confidence (issue 13): how sure a provider-level fee line is to sit on the right side of each threshold
// its amount depends on. The provider's true index is taken as t-distributed around its index with n - 1
// degrees of freedom and standard error sd / sqrt(n); the chance it lies on the side the index puts it is
// T_{n-1}(|index - threshold| / se), 0.5 on the threshold and rising towards 1 with distance and n.
// The expected amount weighs the amount of each possible classification by its probability (docs/METHODS.md).
import type { FeeComponent } from '../fee-rule.ts'
import type { ProviderIndexSums } from '../quality-stats.ts'
import { pooledWithinVariance, sampleVarianceFromSums } from '../quality-stats.ts'
import { studentTCdf } from '../student-t.ts'
import type { ProviderFigures } from './facts.ts'
import { above, atLeast, roundHalfAwayFromZero } from './money.ts'
import type { ProviderSummary } from './types.ts'
import type { ValueBasedReference } from './value-based.ts'

/** A threshold the amount changes at: reached at `at` or above (atLeast), or only strictly above (strict). */
export type Boundary = { at: number; strict: boolean }

export type ThresholdConfidence = { threshold: number; reached: boolean; confidence: number }

/** What a provider-level line carries: the threshold most at risk (lowest confidence) and every threshold. */
export type FeeConfidence = {
  /** The index the line was classified on (the fee index, on the base the rule chose). */
  index: number
  /** The lowest confidence of `thresholds`: that of the threshold nearest the index. */
  confidence: number
  threshold: number
  reached: boolean
  thresholds: ThresholdConfidence[]
  /** Sum over the classifications of probability x amount, rounded once to whole cents. */
  expectedAmountCents: number
}

/** The index and the spread of the answers behind it. */
export type IndexBasis = { index: number; n: number; sd: number }

const reaches = (q: number, b: Boundary) => (b.strict ? above(q, b.at) : atLeast(q, b.at))

/**
 * P(the true index is on the side of `threshold` the index puts it) = T_{n-1}(|index - threshold| / (sd/sqrt n)).
 * sd 0 (every answer alike) gives 1 off the threshold; needs n >= 2.
 */
export function thresholdConfidence(basis: IndexBasis, threshold: number): number {
  if (!(basis.n >= 2)) throw new RangeError(`fee confidence needs at least 2 answers, not ${basis.n}`)
  return below(basis, basis.index + Math.abs(basis.index - threshold))
}

/** P(true index < x) under the same t distribution. */
function below(basis: IndexBasis, x: number): number {
  const { index, n, sd } = basis
  if (x === index) return 0.5
  if (sd === 0) return x > index ? 1 : 0
  return studentTCdf((x - index) / (sd / Math.sqrt(n)), n - 1)
}

// How far inside a class its nearest point is taken: well above the 1e-9 slack of atLeast/above, far below a cent.
const INSIDE = 1e-6

/**
 * The expected amount: the boundaries split the index axis into classes; each class has the probability of
 * the true index falling in it and the amount at its point nearest the index (the index itself for the class it
 * is in, whose amount is `amountCents`). Exact when the amount is constant within a class (steps, the pool's
 * gates); an approximation where it slopes (achievement, value-based points): docs/METHODS.md.
 */
export function expectedAmount(
  basis: IndexBasis,
  boundaries: readonly Boundary[],
  amountCents: number,
  amountAt: (index: number) => number,
): number {
  const sorted = [...boundaries].sort((a, b) => a.at - b.at)
  const own = sorted.filter((b) => reaches(basis.index, b)).length
  let expected = 0
  for (let k = 0; k <= sorted.length; k++) {
    const lower = k === 0 ? 0 : below(basis, sorted[k - 1].at)
    const upper = k === sorted.length ? 1 : below(basis, sorted[k].at)
    const probability = Math.max(0, upper - lower)
    if (probability === 0) continue
    const amount = k === own ? amountCents : amountAt(k < own ? sorted[k].at - INSIDE : sorted[k - 1].at + INSIDE)
    expected += probability * amount
  }
  return roundHalfAwayFromZero(expected)
}

/**
 * The thresholds a provider-level component's amount depends on for this provider: none when a gate
 * (response rate, minimum responses) or a missing index already decides it, whatever the index.
 */
export function boundariesOf(
  component: FeeComponent,
  figures: ProviderFigures,
  reference: ValueBasedReference | null,
  baselineIndex: number | null,
): Boundary[] {
  if (figures.qualityIndex === null) return []
  const rateOk = atLeast(figures.responseRate ?? 0, 'minResponseRate' in component ? component.minResponseRate : 0)
  if (component.type === 'qualityPool') {
    return rateOk && figures.responses >= component.minResponses ? [{ at: component.threshold, strict: true }] : []
  }
  if (component.type !== 'quality' || component.basis !== 'provider' || !rateOk) return []
  // Below the minimum the rule's fewResponses decides the amount, whatever the index.
  if (figures.responses < component.minResponses) return []
  const scoring = component.scoring
  switch (scoring.mode) {
    case 'linear':
      return []
    case 'steps':
      return scoring.steps.map((s) => ({ at: s.minIndex, strict: false }))
    case 'achievement':
      return [
        { at: scoring.threshold, strict: true },
        { at: scoring.benchmark, strict: false },
      ]
    case 'valueBased': {
      if (reference === null) return []
      const { achievementThreshold: at, benchmark: bm } = reference
      const own = baselineIndex !== null && !atLeast(baselineIndex, bm) ? [{ at: baselineIndex, strict: true }] : []
      return [{ at, strict: false }, { at: bm, strict: false }, ...own]
    }
  }
}

/**
 * The confidence of a line at each of its boundaries and its expected amount; null when the amount depends on
 * no threshold or the index rests on fewer than 2 answers.
 */
export function feeConfidence(
  basis: IndexBasis | null,
  boundaries: readonly Boundary[],
  amountCents: number,
  amountAt: (index: number) => number,
): FeeConfidence | null {
  if (basis === null || basis.n < 2 || boundaries.length === 0) return null
  const thresholds = boundaries
    .map((b) => ({ threshold: b.at, reached: reaches(basis.index, b), confidence: thresholdConfidence(basis, b.at) }))
    .sort((a, b) => a.threshold - b.threshold)
  const nearest = thresholds.reduce((min, t) => (t.confidence < min.confidence ? t : min))
  return {
    index: basis.index,
    confidence: nearest.confidence,
    threshold: nearest.threshold,
    reached: nearest.reached,
    thresholds,
    expectedAmountCents: expectedAmount(basis, boundaries, amountCents, amountAt),
  }
}

/** The expected total: the total with each line's amount replaced by its expected amount where it has one. */
export function expectedTotal(
  totalCents: number,
  lines: readonly { amountCents: number; confidence?: FeeConfidence }[],
): number {
  return lines.reduce((t, l) => t + (l.confidence ? l.confidence.expectedAmountCents - l.amountCents : 0), totalCents)
}

/**
 * The index, n and sd a provider's fee confidence rests on: the index its fee line pays on, over the base that
 * index was taken on (closed invitations under nonResponse zero, scored responses under respondentMean), with
 * the larger of the sd on that base and the programme's pooled within-provider sd, so a few identical answers
 * do not claim certainty. Null without an index.
 */
export function indexBasis(
  index: number | null,
  base: ProviderIndexSums,
  context: { pooledWithinSd: number | null },
): IndexBasis | null {
  if (index === null) return null
  const own = sampleVarianceFromSums(base.n, base.sum, base.sumOfSquares)
  const sd = Math.max(Math.sqrt(own ?? 0), context.pooledWithinSd ?? 0)
  return { index, n: base.n, sd }
}

/** The pooled within-provider sd of the run's providers, over their scored responses. */
export function pooledWithinSd(summaries: readonly ProviderSummary[]): number | null {
  const variance = pooledWithinVariance(
    summaries.map((s) => ({ n: s.responses, sum: s.qualitySum, sumOfSquares: s.qualitySumOfSquares })),
  )
  return variance === null ? null : Math.sqrt(variance)
}
