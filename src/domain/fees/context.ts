import type { FeeRule } from '../fee-rule.ts'
import type { DateRange } from '../periods.ts'
import { pooledWithinSd } from './confidence.ts'
import { byProviderId, compareText } from './facts.ts'
import type { PoolAllocation } from './pool.ts'
import { qualityPool } from './pool.ts'
import type { ProviderQualityContext } from './provider-quality.ts'
import { providerQualityContext } from './provider-quality.ts'
import type { BaselineProvider, ComponentOutcome, ProviderSummary } from './types.ts'

/** Everything a provider's statement needs from the other providers, computed once per run from summaries. */
export type FeeContext = {
  readonly rule: FeeRule
  readonly currency: string
  /** Every provider of the run, in providerId order. */
  readonly summaries: ReadonlyMap<string, ProviderSummary>
  /** By index of a qualityPool component in rule.components. */
  readonly pools: ReadonlyMap<number, PoolAllocation>
  /** The baseline by providerId and the valueBased achievement threshold and benchmark. */
  readonly quality: ProviderQualityContext
  /** The run's period; null when the caller selected the clients (every loaded client is due). */
  readonly period: DateRange | null
  /** The programme's pooled within-provider sd, the floor of a provider's sd in its fee confidence. */
  readonly pooledWithinSd: number | null
}

// Counts from SQL are exact; sums of float indices may differ by float noise when the database adds in another
// order. Even a naive sum of a million terms stays within 1e6 x 1.1e-16 relative of the exact sum.
const SUM_TOLERANCE = 1e-9

const COUNTS = ['clients', 'invited', 'completed', 'responses'] as const

// A NULL from SQL (SUM over no rows) or a fraction would otherwise slip into the money as NaN or nonsense.
function checkSummary(summary: ProviderSummary): void {
  const bad = COUNTS.find((key) => !Number.isSafeInteger(summary[key]) || summary[key] < 0)
  if (bad) throw new RangeError(`provider ${summary.providerId}: ${bad} ${summary[bad]} is not a count`)
  // Scored responses are completed responses, and those answer closed invitations: the zero base relies on it.
  if (summary.responses > summary.completed || summary.completed > summary.invited)
    throw new RangeError(
      `provider ${summary.providerId}: responses ${summary.responses} <= completed ${summary.completed} <= invited ${summary.invited} does not hold`,
    )
  for (const key of ['qualitySum', 'qualitySumOfSquares'] as const) {
    if (!Number.isFinite(summary[key]))
      throw new RangeError(`provider ${summary.providerId}: ${key} ${summary[key]} is not a number`)
  }
}

export function feeContext(
  rule: FeeRule,
  currency: string,
  summaries: ProviderSummary[],
  baseline?: { providers: BaselineProvider[] },
  period: DateRange | null = null,
): FeeContext {
  if (rule.currency !== currency) {
    throw new RangeError(`the fee rule is in ${rule.currency} but the inputs are in ${currency}`)
  }
  summaries.forEach(checkSummary)
  const sorted = [...summaries].sort((a, b) => compareText(a.providerId, b.providerId))
  const byId = byProviderId(sorted, 'provider summaries')
  const pools = new Map<number, PoolAllocation>()
  rule.components.forEach((component, index) => {
    if (component.type === 'qualityPool') pools.set(index, qualityPool(component, index, sorted))
  })
  return {
    rule,
    currency,
    summaries: byId,
    pools,
    quality: providerQualityContext(baseline?.providers ?? [], sorted),
    period,
    pooledWithinSd: pooledWithinSd(sorted),
  }
}

export function summaryFor(context: FeeContext, providerId: string): ProviderSummary {
  const summary = context.summaries.get(providerId)
  if (!summary) throw new RangeError(`provider ${providerId} is not in the fee context`)
  return summary
}

/** Throws when the loaded provider disagrees with its summary: a loading bug must not pay wrong money. */
export function checkAgainstSummary(summary: ProviderSummary, loaded: ProviderSummary): void {
  const id = summary.providerId
  const bad = COUNTS.find((key) => loaded[key] !== summary[key])
  if (bad) throw new RangeError(`provider ${id}: ${bad} ${loaded[bad]} loaded but ${summary[bad]} in its summary`)
  const off = (a: number, b: number) => Math.abs(a - b) > SUM_TOLERANCE * Math.max(1, Math.abs(b))
  if (off(loaded.qualitySum, summary.qualitySum)) {
    throw new RangeError(
      `provider ${id}: quality sum ${loaded.qualitySum} loaded but ${summary.qualitySum} in its summary`,
    )
  }
  if (off(loaded.qualitySumOfSquares, summary.qualitySumOfSquares)) {
    throw new RangeError(
      `provider ${id}: quality sum of squares ${loaded.qualitySumOfSquares} loaded but ${summary.qualitySumOfSquares} in its summary`,
    )
  }
}

export function poolOf(context: FeeContext, index: number): PoolAllocation {
  const pool = context.pools.get(index)
  if (!pool) throw new RangeError(`component ${index} is no pool`)
  return pool
}

export function poolShare(context: FeeContext, index: number, providerId: string): ComponentOutcome {
  const share = poolOf(context, index).shares.get(providerId)
  if (!share) throw new RangeError(`pool component ${index} has no share for provider ${providerId}`)
  return share
}

/** Throws unless every provider of the context comes exactly once: a skipped or repeated chunk must show. */
export function checkComplete(context: FeeContext, providerIds: string[]): void {
  const seen = new Set<string>()
  for (const id of providerIds) {
    summaryFor(context, id)
    if (seen.has(id)) throw new RangeError(`provider ${id} appears twice in the provider statements`)
    seen.add(id)
  }
  const missing = [...context.summaries.keys()].find((id) => !seen.has(id))
  if (missing !== undefined) throw new RangeError(`provider ${missing} has no provider statement`)
}
