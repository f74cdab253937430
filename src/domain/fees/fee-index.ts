// The index a provider-level fee pays on (issue 13): over the closed invitations with a non-respondent at 0
// unless the rule chooses respondentMean, below minResponses the rule's fewResponses, and shrunk toward the
// rest of the programme by the Empirical Bayes prior weight unless the rule chooses raw. See docs/METHODS.md.
import { withAdjustment } from '../case-mix.ts'
import type { ProviderIndexRule, ProviderNonResponse } from '../fee-rule.ts'
import type { ProviderIndexSums } from '../quality-stats.ts'
import { DEFAULT_PRIOR_WEIGHT, empiricalPriorWeight, shrunkIndex } from '../quality-stats.ts'
import { counted, indexText, trimmed } from './money.ts'
import type { BaselineProvider, ProviderSummary } from './types.ts'

/**
 * The provider's n, sum and sum of squares on the rule's base: every closed invitation (a non-respondent, or a
 * response with too few scored items, adds 0 to both sums) or, under respondentMean, the scored responses only.
 */
export function baseSums(summary: ProviderSummary, nonResponse: ProviderNonResponse): ProviderIndexSums {
  const n = nonResponse === 'zero' ? summary.invited : summary.responses
  return { n, sum: summary.qualitySum, sumOfSquares: summary.qualitySumOfSquares }
}

/** sum / n on the base; null without a base (no closed invitation, or no response under respondentMean). */
export function rawIndex(summary: ProviderSummary, nonResponse: ProviderNonResponse): number | null {
  const { n, sum } = baseSums(summary, nonResponse)
  return n > 0 ? sum / n : null
}

const BASE_TEXT: Record<ProviderNonResponse, (n: number) => string> = {
  zero: (n) => `over ${counted(n, 'closed invitation')}, non-respondents at 0`,
  respondentMean: (n) => `over ${counted(n, 'respondent')}`,
}

const CHANGE_BASE = (n: number) => `over ${counted(n, 'client')} with both waves`

/** A change in index points with its sign: +73.3, -5.0. */
const changeText = (d: number) => `${d > 0 ? '+' : ''}${indexText(d)}`

/**
 * Under "index": "change" a provider's summary as the index reads it: its clients with an index in both waves
 * in place of the scored responses, and the sums of their changes in place of the index sums (the base of
 * nonResponse zero stays every closed exit invitation, so a client without both waves counts as change 0).
 */
export function changeView(summary: ProviderSummary): ProviderSummary {
  const sums = summary.change ?? { n: 0, sum: 0, sumOfSquares: 0 }
  return { ...summary, responses: sums.n, qualitySum: sums.sum, qualitySumOfSquares: sums.sumOfSquares }
}

export type FeeIndex = {
  /** What the fee pays on; null: no quality fee (reason says why). */
  value: number | null
  /** "quality index 61.2 (...)" or, with value null, why there is none. */
  text: string
  details: Record<string, number | string | null>
}

/** Mean of the others on the same base: the provider's own answers never move its own target. */
function othersMean(others: readonly ProviderIndexSums[]): number | null {
  const n = others.reduce((t, p) => t + p.n, 0)
  return n > 0 ? others.reduce((t, p) => t + p.sum, 0) / n : null
}

/**
 * The provider's fee index against the other providers of the run (leave-one-out: the prior mean M and the
 * prior weight k come from the others only, so the provider's own answers move its index only through its own
 * sums, and turning a response into a non-response never raises it under nonResponse zero).
 */
export function providerIndex(
  rule: ProviderIndexRule,
  own: ProviderSummary,
  others: readonly ProviderSummary[],
): FeeIndex {
  return indexAgainst(
    rule,
    own,
    others.map((o) => baseSums(o, rule.nonResponse)),
  )
}

/** providerIndex from the other providers' baseSums on the rule's base (in providerId order), taken once per run. */
export function indexAgainst(
  rule: ProviderIndexRule,
  own: ProviderSummary,
  otherSums: readonly ProviderIndexSums[],
): FeeIndex {
  const sums = baseSums(own, rule.nonResponse)
  const programmeMean = othersMean(otherSums)
  const raw = sums.n > 0 ? sums.sum / sums.n : null
  const details: Record<string, number | string | null> = {
    nonResponse: rule.nonResponse,
    index: rule.index,
    base: sums.n,
    responses: own.responses,
    rawIndex: raw,
    programmeMean,
    priorWeight: null,
  }
  const change = rule.index === 'change'
  if (own.responses < rule.minResponses) {
    const counts = change ? `${counted(own.responses, 'client')} with both waves` : counted(own.responses, 'response')
    const few = `${counts} below the minimum ${rule.minResponses}`
    if (rule.fewResponses === 'zero' || programmeMean === null) return { value: null, text: few, details }
    return {
      value: programmeMean,
      text: `${change ? 'mean change' : 'quality index'} ${indexText(programmeMean)} (the rest of the programme: ${few})`,
      details,
    }
  }
  if (raw === null) return { value: null, text: change ? 'no client with both waves' : 'no scored responses', details }
  const base = BASE_TEXT[rule.nonResponse](sums.n)
  if (change) {
    // The summary is the change view (changeView): a client without an index in both waves adds 0 under zero.
    const note = rule.nonResponse === 'zero' ? `${base}, clients without both waves at 0` : CHANGE_BASE(sums.n)
    return { value: raw, text: `mean change ${changeText(raw)} points (${note})`, details }
  }
  if (rule.index === 'adjusted') {
    // Each scored response moves by the adjustment; a non-respondent stays at 0 (so over the base: adj x responses / n).
    const adjustment = own.caseMixAdjustment
    if (adjustment === undefined) return { value: null, text: 'no case-mix adjusted index (no model fitted)', details }
    const adjusted = withAdjustment(raw, (adjustment * own.responses) / sums.n) as number
    return {
      value: adjusted,
      text: `case-mix adjusted quality index ${indexText(adjusted)} (raw ${indexText(raw)} ${base}, case-mix adjustment ${trimmed(adjustment, 2)} per response)`,
      details: { ...details, caseMixAdjustment: adjustment },
    }
  }
  if (rule.index === 'raw' || programmeMean === null) {
    // respondentMean + raw is the index fees used before issue 13; its text stays as it was.
    const note = rule.nonResponse === 'zero' ? ` (${base})` : ''
    return { value: raw, text: `quality index ${indexText(raw)}${note}`, details }
  }
  const k = rule.priorWeight ?? empiricalPriorWeight(otherSums) ?? DEFAULT_PRIOR_WEIGHT
  const shrunk = shrunkIndex(sums.n, raw, programmeMean, k) as number
  return {
    value: shrunk,
    text: `quality index ${indexText(shrunk)} (raw ${indexText(raw)} ${base}, shrunk toward the rest of the programme ${indexText(programmeMean)} with prior weight ${trimmed(k, 2)})`,
    details: { ...details, priorWeight: k },
  }
}

/** A given index in place of the provider's own (the fee confidence's amount at another index). */
export const indexAt = (q: number): FeeIndex => ({ value: q, text: `quality index ${indexText(q)}`, details: {} })

/** Every provider's index, each against the others; summaries in a fixed (providerId) order. */
export function providerIndices(rule: ProviderIndexRule, summaries: readonly ProviderSummary[]): Map<string, FeeIndex> {
  const sums = summaries.map((s) => baseSums(s, rule.nonResponse))
  return new Map(summaries.map((s, i) => [s.providerId, indexAgainst(rule, s, withoutOne(sums, i))]))
}

/** The list without its i-th element (the list itself when i is -1). */
export const withoutOne = <T>(list: readonly T[], i: number): readonly T[] =>
  i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)]

/**
 * A value-based component's baseline from the baseline period's summaries, on the component's own base and
 * index, so the current index is compared with one measured the same way. A provider below minResponses in the
 * baseline has no baseline (q null) and takes no part in the achievement threshold and benchmark.
 */
export function baselineIndices(rule: ProviderIndexRule, summaries: readonly ProviderSummary[]): BaselineProvider[] {
  const indices = providerIndices(rule, summaries)
  return summaries.map((s) => ({
    providerId: s.providerId,
    n: s.responses,
    q: s.responses < rule.minResponses ? null : (indices.get(s.providerId)?.value ?? null),
  }))
}
