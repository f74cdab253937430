import type { ProviderQualityComponent, ProviderScoring } from '../fee-rule.ts'
import { toCents } from '../fee-rule.ts'
import type { DateRange } from '../periods.ts'
import type { ClientScope } from './client-components.ts'
import { cannotSayNote, clientIndex, qualityDue } from './client-components.ts'
import type { ProviderFigures } from './facts.ts'
import { byProviderId } from './facts.ts'
import type { Share } from './money.ts'
import {
  above,
  atLeast,
  centsOf,
  counted,
  FULL,
  formatCents,
  indexText,
  responseRateGateReason,
  shareText,
  shareValue,
  ZERO,
} from './money.ts'
import { outcomeOf, providerLine } from './outcome.ts'
import { amountScope, pricedAmount } from './prices.ts'
import { inCohort } from './timing.ts'
import type { BaselineProvider, ComponentOutcome, FeeClient } from './types.ts'
import type { ValueBasedReference } from './value-based.ts'
import { valueBasedReference, valueBasedScore } from './value-based.ts'

type Factor = { share: Share; explanation: string; details?: Record<string, number | string | null> }

function fixedScoringFactor(
  scoring: Exclude<ProviderScoring, { mode: 'valueBased' }>,
  q: number,
  label: string,
): Factor {
  const at = `${label} ${indexText(q)}`
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

/** Inputs shared by every provider: the valueBased reference (AT, BM) is computed once per run. */
export type ProviderQualityContext = {
  baseline: ReadonlyMap<string, BaselineProvider>
  reference: ValueBasedReference | null
}

export function providerQualityContext(baseline: BaselineProvider[]): ProviderQualityContext {
  return { baseline: byProviderId(baseline, 'baseline'), reference: valueBasedReference(baseline) }
}

/** The index a provider-level rule pays by: the raw mean, or the case-mix adjusted one ("index": "adjusted"). */
export function ruleIndex(component: Pick<ProviderQualityComponent, 'index'>, figures: ProviderFigures) {
  return component.index === 'adjusted'
    ? { q: figures.adjustedIndex, label: 'case-mix adjusted quality index' }
    : { q: figures.qualityIndex, label: 'quality index' }
}

/**
 * Q with "cannot say" scored as the bottom point: the mean over the same responses as the provider's Q (its
 * clients ending in the period with a scored response), each re-scored from its items.
 */
function lowestQ(clients: FeeClient[], period: DateRange | null): number | null {
  const indices = clients
    .filter((c) => inCohort(c, period))
    .map((c) => clientIndex({ mode: 'linear' }, c, 'lowest'))
    .filter((index) => index !== null)
  return indices.length === 0 ? null : indices.reduce((s, x) => s + x, 0) / indices.length
}

function providerFactor(
  scoring: ProviderScoring,
  { q, label }: { q: number | null; label: string },
  figures: ProviderFigures,
  context: ProviderQualityContext,
): Factor {
  if (scoring.mode === 'valueBased') {
    const own = context.baseline.get(figures.providerId)
    return valueBasedScore(q, own, context.reference)
  }
  if (q === null)
    return {
      share: ZERO,
      explanation:
        figures.qualityIndex === null ? 'no scored responses -> factor 0' : `no ${label} (no model fitted) -> factor 0`,
    }
  return fixedScoringFactor(scoring, q, label)
}

/**
 * One line for the provider: the factor times the sum of its clients' maximums (clients ending in the period
 * whose invitation is not pending), rounded once.
 */
export function providerQualityFee(
  component: ProviderQualityComponent,
  index: number,
  figures: ProviderFigures,
  context: ProviderQualityContext,
  allClients: FeeClient[],
  clientScope: ClientScope,
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
  if (!atLeast(figures.responseRate ?? 0, component.minResponseRate)) {
    const reason = responseRateGateReason(figures.responseRate, component.minResponseRate)
    return outcomeOf(
      index,
      'quality',
      [providerLine(index, 'quality', 0, reason)],
      `${scope}; ${reason}: no quality fee`,
    )
  }
  // The schema refuses lowest with valueBased (its baseline leaves "cannot say" out) and with the adjusted index.
  const paidIndex =
    component.cannotSay === 'lowest'
      ? { q: lowestQ(allClients, clientScope.period), label: 'quality index ("cannot say" as the lowest point)' }
      : ruleIndex(component, figures)
  const factor = providerFactor(component.scoring, paidIndex, figures, context)
  // One product for the whole provider, rounded once.
  const amount = centsOf(cents, factor.share)
  const explanation = `${factor.explanation} x ${scope}${cannotSayNote(component.cannotSay)}`
  return outcomeOf(index, 'quality', [providerLine(index, 'quality', amount, explanation)], explanation, {
    ...factor.details,
    factor: shareValue(factor.share),
  })
}
