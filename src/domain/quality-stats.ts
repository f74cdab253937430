// The statistics behind a provider's quality score: mean with a t-interval, top-box share with a Wilson
// interval, shrinkage toward the programme mean, stars and the publication state (the comparison between
// providers is in comparisons.ts).
// Everything takes aggregates (n, sums, sums of squares) so the figures can come straight from SQL.

/** The 0.975 quantile of the standard normal distribution. */
export const Z975 = 1.959963984540054

export const DEFAULT_PRIOR_WEIGHT = 5
export const DEFAULT_MIN_RESPONSES = 10
export const DEFAULT_CAUTION_BELOW = 30

// t_{0.975, df} for df = 1..30 to 6 decimals; the small-df tail is where expansions are poor.
const T975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985,
  2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
  2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
]

/**
 * The 0.975 quantile of Student's t with df degrees of freedom: a table for df <= 30, beyond it the
 * Cornish-Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5), whose error there is below 1e-7.
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a whole number >= 1, not ${df}`)
  if (df <= T975.length) return T975[df - 1]
  const z = Z975
  const z2 = z * z
  const g1 = (z * (z2 + 1)) / 4
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4
}

/**
 * Sample variance (n - 1) from n, sum and sum of squares; null when n < 2. The one-pass formula loses
 * digits to cancellation, so a centred sum of squares within rounding noise of zero (or below it) is 0.
 */
export function sampleVarianceFromSums(n: number, sum: number, sumOfSquares: number): number | null {
  if (n < 2) return null
  const centred = sumOfSquares - (sum * sum) / n
  return centred <= Math.abs(sumOfSquares) * 1e-12 ? 0 : centred / (n - 1)
}

export type Summary = {
  n: number
  mean: number | null
  /** Sample standard deviation; null when n < 2. */
  sd: number | null
  /** 95 % t-interval of the mean clipped to 0..100; null when n < 2. */
  ci95: [number, number] | null
}

/** Mean, sd and 95 % t-interval of 0..100 indices from their count, sum and sum of squares. */
export function summariseFromSums(n: number, sum: number, sumOfSquares: number): Summary {
  if (n === 0) return { n, mean: null, sd: null, ci95: null }
  const mean = sum / n
  const variance = sampleVarianceFromSums(n, sum, sumOfSquares)
  if (variance === null) return { n, mean, sd: null, ci95: null }
  return { n, mean, sd: Math.sqrt(variance), ci95: tInterval(n, mean, variance) }
}

/** The 95 % t-interval (n - 1 degrees of freedom) of a mean of n >= 2 indices, clipped to 0..100. */
function tInterval(n: number, mean: number, variance: number): [number, number] {
  const half = (tQuantile975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n)
  return [Math.max(0, mean - half), Math.min(100, mean + half)]
}

/** Which standard deviation a provider's interval rests on: its own, or the programme's pooled one. */
export type IntervalBasis = 'own_sd' | 'programme_sd'

export type ProviderSummary = Summary & { intervalBasis: IntervalBasis | null }

/**
 * A provider's summary whose interval uses the larger of its own variance and the programme's pooled
 * within-provider variance (pooledWithinVariance): a few identical answers say little about how much the
 * next client's answer can differ, so they never give a zero-width interval. sd stays the provider's own.
 */
export function providerSummary(
  n: number,
  sum: number,
  sumOfSquares: number,
  pooledVariance: number | null,
): ProviderSummary {
  const own = summariseFromSums(n, sum, sumOfSquares)
  if (own.mean === null || own.sd === null) return { ...own, intervalBasis: null }
  if (pooledVariance === null || pooledVariance <= own.sd * own.sd) return { ...own, intervalBasis: 'own_sd' }
  return { ...own, ci95: tInterval(n, own.mean, pooledVariance), intervalBasis: 'programme_sd' }
}

/** The same summary from the raw indices. */
export function summarise(values: readonly number[]): Summary {
  let sum = 0
  let sumOfSquares = 0
  for (const v of values) {
    sum += v
    sumOfSquares += v * v
  }
  return summariseFromSums(values.length, sum, sumOfSquares)
}

/** Wilson score 95 % interval of a proportion; null when n = 0. */
export function wilson95(successes: number, n: number): [number, number] | null {
  if (successes < 0 || successes > n) throw new RangeError(`successes must be within 0..${n}, not ${successes}`)
  if (n === 0) return null
  const p = successes / n
  const z2n = (Z975 * Z975) / n
  const centre = (p + z2n / 2) / (1 + z2n)
  const half = (Z975 / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))
  // At 0 and n the bounds are exactly 0 and 1; set them so rounding cannot leave 1e-17 behind.
  return [successes === 0 ? 0 : centre - half, successes === n ? 1 : centre + half]
}

export type Share = { n: number; successes: number; share: number | null; ci95: [number, number] | null }

/** A share (e.g. top-box: every answered scored item at the top) with its Wilson interval. */
export function shareOf(successes: number, n: number): Share {
  return { n, successes, share: n === 0 ? null : successes / n, ci95: wilson95(successes, n) }
}

/**
 * S = (n*Q + k*M)/(n + k): the provider mean pulled toward the programme mean M as if k more answers
 * sat at M, so a handful of answers cannot put a provider at the top or bottom. n = 0 gives M.
 * M is null only when the programme has no responses, and then neither has the provider.
 */
export function shrunkIndex(
  n: number,
  mean: number | null,
  programmeMean: number | null,
  priorWeight: number = DEFAULT_PRIOR_WEIGHT,
): number | null {
  if (programmeMean === null) return null
  if (n === 0 || mean === null) return programmeMean
  return (n * mean + priorWeight * programmeMean) / (n + priorWeight)
}

/**
 * The 95 % interval of S: S is (n*Q + k*M)/(n + k), a rising linear function of Q with M and k held
 * fixed, so the interval of S is the raw interval [L, U] of Q mapped the same way,
 * [(n*L + k*M)/(n + k), (n*U + k*M)/(n + k)]. It contains S whenever [L, U] contains Q (also after
 * rounding, as every step is monotone), and it excludes M exactly when [L, U] does. Null without a raw
 * interval (n < 2) or without M.
 */
export function shrunkInterval(
  n: number,
  ci95: [number, number] | null,
  programmeMean: number | null,
  priorWeight: number = DEFAULT_PRIOR_WEIGHT,
): [number, number] | null {
  if (ci95 === null || programmeMean === null || n === 0) return null
  const map = (x: number) => (n * x + priorWeight * programmeMean) / (n + priorWeight)
  return [map(ci95[0]), map(ci95[1])]
}

export const MIN_PRIOR_WEIGHT = 1
export const MAX_PRIOR_WEIGHT = 50

/**
 * The pooled within-provider variance sum((n_i - 1) * s_i^2) / sum(n_i - 1): the one-way ANOVA mean
 * square within (MSW). Null when no provider has two answers.
 */
export function pooledWithinVariance(providers: readonly ProviderIndexSums[]): number | null {
  let centred = 0
  let df = 0
  for (const p of providers) {
    const variance = sampleVarianceFromSums(p.n, p.sum, p.sumOfSquares)
    if (variance === null) continue
    centred += variance * (p.n - 1)
    df += p.n - 1
  }
  return df === 0 ? null : centred / df
}

/**
 * The prior weight k of shrinkIndex estimated from the data (Buhlmann-Straub credibility, k = sigma^2 / tau^2):
 * sigma^2 is the within-provider variance (MSW) and tau^2 the between-provider variance by the method of
 * moments for an unbalanced one-way layout, (sum n_i (mean_i - mean)^2 - (P - 1) MSW) / (N - sum n_i^2 / N).
 * Bounded to 1..50: tau^2 <= 0 (providers no more different than chance) gives 50. Null when there are fewer
 * than two providers with answers or no within-provider variation to estimate from.
 */
export function empiricalPriorWeight(providers: readonly ProviderIndexSums[]): number | null {
  const answered = providers.filter((p) => p.n > 0)
  const within = pooledWithinVariance(answered)
  if (answered.length < 2 || within === null) return null
  const total = answered.reduce((t, p) => t + p.n, 0)
  const grandMean = answered.reduce((t, p) => t + p.sum, 0) / total
  const betweenSquares = answered.reduce((t, p) => t + p.n * (p.sum / p.n - grandMean) ** 2, 0)
  const spread = total - answered.reduce((t, p) => t + p.n * p.n, 0) / total
  const between = (betweenSquares - (answered.length - 1) * within) / spread
  if (!(between > 0)) return MAX_PRIOR_WEIGHT
  return Math.min(MAX_PRIOR_WEIGHT, Math.max(MIN_PRIOR_WEIGHT, within / between))
}

/** 1 + 4*S/100 stars, to the nearest half star, halves up (3.25 -> 3.5). */
export function starsFor(index: number | null): number | null {
  if (index === null) return null
  const halves = 2 * (1 + (4 * index) / 100)
  // Rounding to 1e-9 first keeps an index like 56.24999999999999 (meant as 56.25) on the upper half star.
  return Math.floor(Math.round(halves * 1e9) / 1e9 + 0.5) / 2
}

export type PublicationState = 'too_few_answers' | 'caution' | 'published'

export type PublicationThresholds = { minResponses?: number; cautionBelow?: number }

/** Below minResponses no score is shown; below cautionBelow it is shown with a caution. */
export function publicationState(n: number, thresholds: PublicationThresholds = {}): PublicationState {
  const { minResponses = DEFAULT_MIN_RESPONSES, cautionBelow = DEFAULT_CAUTION_BELOW } = thresholds
  if (n < minResponses) return 'too_few_answers'
  if (n < cautionBelow) return 'caution'
  return 'published'
}

export type ProviderIndexSums = { n: number; sum: number; sumOfSquares: number }

export type ProviderRating = ProviderSummary & {
  shrunk: number | null
  /** The 95 % interval of shrunk: the raw interval mapped as Q is (shrunkInterval). */
  shrunkCi95: [number, number] | null
  stars: number | null
  state: PublicationState
}

/**
 * Every rating figure of one provider. The figures are returned whatever the state: hiding them when
 * the state is too_few_answers is the caller's job, as the procurer may still need them.
 */
export function rateProvider(
  sums: ProviderIndexSums,
  programmeMean: number | null,
  options: PublicationThresholds & { priorWeight?: number; pooledVariance?: number | null } = {},
): ProviderRating {
  const summary = providerSummary(sums.n, sums.sum, sums.sumOfSquares, options.pooledVariance ?? null)
  const shrunk = shrunkIndex(summary.n, summary.mean, programmeMean, options.priorWeight)
  return {
    ...summary,
    shrunk,
    shrunkCi95: shrunkInterval(summary.n, summary.ci95, programmeMean, options.priorWeight),
    stars: starsFor(shrunk),
    state: publicationState(summary.n, options),
  }
}

/** Where the prior weight k came from: the programme's fixed priorWeight, the data, or the fallback 5. */
export type PriorWeightSource = 'fixed' | 'empirical' | 'default'

export type ProgrammeEstimates = {
  /** Pooled within-provider variance (the floor of every provider's interval); null without one. */
  pooledVariance: number | null
  priorWeight: number
  priorWeightSource: PriorWeightSource
}

/**
 * The programme-level figures every provider's rating leans on: the pooled within-provider variance and
 * the prior weight k, estimated from the providers with at least minGroup answers only, so that a provider
 * whose figures are hidden for being too small cannot be recovered from them. A fixed priorWeight of the
 * programme overrides the estimate; without enough providers to estimate k, the fallback is 5.
 */
export function programmeEstimates(
  providers: readonly ProviderIndexSums[],
  minGroup: number,
  fixedPriorWeight?: number,
): ProgrammeEstimates {
  const counted = providers.filter((p) => p.n >= minGroup)
  const pooledVariance = pooledWithinVariance(counted)
  if (fixedPriorWeight !== undefined)
    return { pooledVariance, priorWeight: fixedPriorWeight, priorWeightSource: 'fixed' }
  const k = empiricalPriorWeight(counted)
  return k === null
    ? { pooledVariance, priorWeight: DEFAULT_PRIOR_WEIGHT, priorWeightSource: 'default' }
    : { pooledVariance, priorWeight: k, priorWeightSource: 'empirical' }
}

/**
 * Small-group suppression: the value, or null when it rests on fewer than minGroup answers (including
 * none), so no published or dashboard figure can point at one respondent.
 */
export function suppress<T>(value: T, n: number, minGroup: number): T | null {
  return n < minGroup ? null : value
}
