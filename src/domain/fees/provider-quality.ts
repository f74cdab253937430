import type { ProviderNonResponse, ProviderQualityComponent, ProviderScoring } from '../fee-rule.ts'
import { toCents } from '../fee-rule.ts'
import type { DateRange } from '../periods.ts'
import type { ProviderIndexSums } from '../quality-stats.ts'
import type { ClientScope } from './client-components.ts'
import { cannotSayNote, clientIndex, qualityDue } from './client-components.ts'
import { byProviderId, providerFigures } from './facts.ts'
import type { FeeIndex } from './fee-index.ts'
import { baseSums, changeView, indexAgainst, withoutOne } from './fee-index.ts'
import type { Share } from './money.ts'
import {
  above,
  atLeast,
  centsOf,
  counted,
  FULL,
  formatCents,
  responseRateGateReason,
  shareText,
  shareValue,
  ZERO,
} from './money.ts'
import { outcomeOf, providerLine } from './outcome.ts'
import { amountScope, pricedAmount } from './prices.ts'
import { inCohort } from './timing.ts'
import type { BaselineProvider, ComponentOutcome, FeeClient, ProviderSummary } from './types.ts'
import type { ValueBasedReference } from './value-based.ts'
import { valueBasedReference, valueBasedScore } from './value-based.ts'

type Factor = { share: Share; explanation: string; details?: Record<string, number | string | null> }

function fixedScoringFactor(scoring: Exclude<ProviderScoring, { mode: 'valueBased' }>, q: number, at: string): Factor {
  switch (scoring.mode) {
    case 'linear': {
      const share = { num: q, den: 100 }
      return { share, explanation: `${at} -> factor ${shareText(share)}` }
    }
    case 'steps': {
      const step = scoring.steps.find((s) => atLeast(q, s.minIndex))
      if (!step)
        return {
          share: ZERO,
          explanation: `${at} below the lowest step ${scoring.steps[scoring.steps.length - 1].minIndex} -> factor 0`,
        }
      return {
        share: { num: step.share, den: 1 },
        explanation: `${at} reaches step ${step.minIndex} -> factor ${step.share}`,
      }
    }
    case 'achievement': {
      const { threshold, benchmark } = scoring
      const details = { threshold, benchmark }
      if (!above(q, threshold))
        return { share: ZERO, explanation: `${at} at or below threshold ${threshold} -> factor 0`, details }
      if (atLeast(q, benchmark))
        return { share: FULL, explanation: `${at} at or above benchmark ${benchmark} -> factor 1`, details }
      const share = { num: q - threshold, den: benchmark - threshold }
      return {
        share,
        explanation: `${at} between threshold ${threshold} and benchmark ${benchmark} -> factor ${shareText(share)}`,
        details,
      }
    }
  }
}

/**
 * Inputs shared by every provider: the valueBased reference (AT, BM) is computed once per run; every provider's
 * summary (in providerId order), as a provider's index is taken against the others.
 */
export type ProviderQualityContext = {
  baseline: ReadonlyMap<string, BaselineProvider>
  reference: ValueBasedReference | null
  summaries: readonly ProviderSummary[]
  /**
   * Every provider's baseSums in summaries order, per base and for the exit index and the change: taken once, as
   * each provider's index reads all the others' (making them for every provider was quadratic in objects).
   */
  sums: Record<'exit' | 'change', Record<ProviderNonResponse, readonly ProviderIndexSums[]>>
}

function sumsOf(summaries: readonly ProviderSummary[]): Record<ProviderNonResponse, readonly ProviderIndexSums[]> {
  return {
    zero: summaries.map((s) => baseSums(s, 'zero')),
    respondentMean: summaries.map((s) => baseSums(s, 'respondentMean')),
  }
}

export function providerQualityContext(
  baseline: BaselineProvider[],
  summaries: readonly ProviderSummary[],
): ProviderQualityContext {
  return {
    baseline: byProviderId(baseline, 'baseline'),
    reference: valueBasedReference(baseline),
    summaries,
    sums: { exit: sumsOf(summaries), change: sumsOf(summaries.map(changeView)) },
  }
}

/**
 * The provider's summary as the component scores it: under cannotSay "lowest" its scored responses (the same
 * ones) re-scored with "cannot say" as the bottom point, so steering clients to it never raises the index.
 */
function scoredSummary(
  component: ProviderQualityComponent,
  summary: ProviderSummary,
  clients: FeeClient[],
  period: DateRange | null,
): ProviderSummary {
  if (component.cannotSay !== 'lowest') return summary
  const indices = clients
    .filter((c) => inCohort(c, period))
    .map((c) => clientIndex({ mode: 'linear' }, c, 'lowest'))
    .filter((index) => index !== null)
  return {
    ...summary,
    qualitySum: indices.reduce((s, x) => s + x, 0),
    qualitySumOfSquares: indices.reduce((s, x) => s + x * x, 0),
  }
}

/** A provider's fee index with the summary it was taken on (the fee confidence reads the same base). */
export type FeeIndexed = { index: FeeIndex; own: ProviderSummary }

/** The provider's fee index under the component's rule, against every other provider of the run. */
export function feeIndexFor(
  component: ProviderQualityComponent,
  summary: ProviderSummary,
  context: ProviderQualityContext,
  clients: FeeClient[],
  period: DateRange | null,
): FeeIndexed {
  const change = component.index === 'change'
  const own = change ? changeView(summary) : scoredSummary(component, summary, clients, period)
  const at = context.summaries.findIndex((s) => s.providerId === own.providerId)
  const others = withoutOne(context.sums[change ? 'change' : 'exit'][component.nonResponse], at)
  return { index: indexAgainst(component, own, others), own }
}

function providerFactor(
  scoring: ProviderScoring,
  index: FeeIndex,
  providerId: string,
  context: ProviderQualityContext,
): Factor {
  if (scoring.mode === 'valueBased') {
    const score = valueBasedScore(index.value, context.baseline.get(providerId), context.reference, index.text)
    return { ...score, details: { ...index.details, ...score.details } }
  }
  // Only a mean change can be negative: it pays nothing, whatever the scoring (linear would go below 0).
  if (index.value === null || index.value < 0)
    return { share: ZERO, explanation: `${index.text} -> factor 0`, details: index.details }
  const factor = fixedScoringFactor(scoring, index.value, index.text)
  return { ...factor, details: { ...index.details, ...factor.details } }
}

/**
 * One line for the provider: the factor times the sum of its clients' maximums (clients ending in the period
 * whose invitation is not pending), rounded once.
 */
export function providerQualityFee(
  component: ProviderQualityComponent,
  index: number,
  summary: ProviderSummary,
  context: ProviderQualityContext,
  allClients: FeeClient[],
  clientScope: ClientScope,
  /** The index it pays on: the provider's own unless given (taken once per run, or another for fee confidence). */
  feeIndex: FeeIndex = feeIndexFor(component, summary, context, allClients, clientScope.period).index,
): ComponentOutcome {
  const { due, pending } = qualityDue(allClients, 'end', clientScope.period)
  const clients = due.length
  const cents = due.reduce(
    (sum, c) =>
      sum +
      pricedAmount(component.perClientMax, component.share, clientScope.prices, clientScope.providerId, c.serviceType)
        .cents,
    0,
  )
  const pendingNote = pending > 0 ? ` (${counted(pending, 'client')} pending: invitation still open)` : ''
  const scope =
    component.share === undefined
      ? `${counted(clients, 'client')} x up to ${formatCents(toCents(component.perClientMax ?? 0))}${pendingNote}`
      : `${counted(clients, 'client')}, up to ${formatCents(cents)} in all (${amountScope(undefined, component.share)})${pendingNote}`
  const figures = providerFigures(summary)
  if (!atLeast(figures.responseRate ?? 0, component.minResponseRate)) {
    const reason = responseRateGateReason(figures.responseRate, component.minResponseRate)
    return outcomeOf(
      index,
      'quality',
      [providerLine(index, 'quality', 0, reason)],
      `${scope}; ${reason}: no quality fee`,
    )
  }
  const factor = providerFactor(component.scoring, feeIndex, summary.providerId, context)
  // One product for the whole provider, rounded once.
  const amount = centsOf(cents, factor.share)
  const explanation = `${factor.explanation} x ${scope}${cannotSayNote(component.cannotSay)}`
  return outcomeOf(index, 'quality', [providerLine(index, 'quality', amount, explanation)], explanation, {
    ...factor.details,
    factor: shareValue(factor.share),
  })
}
