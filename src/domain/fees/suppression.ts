// Suppression sensitivity (issue 13): under an option that fills non-respondents from the respondents (client
// providerMean, provider respondentMean, pool respondentMean) a provider gains by keeping unhappy clients from
// answering. The statement shows how much: the component again with the provider's lowest 10 % of scored
// answers (at least one) turned into non-responses, before the cap and any budget.
import type { FeeComponent } from '../fee-rule.ts'
import type { DateRange } from '../periods.ts'
import { inCohort } from './timing.ts'
import type { FeeClient, ProviderSummary } from './types.ts'

export const SUPPRESSED_SHARE = 0.1

/** What the provider would gain: answers turned into non-responses and the difference in cents (may be 0). */
export type SuppressionSensitivity = { answers: number; gainCents: number }

/** Whether the component fills a non-respondent from the respondents, and so pays for suppression. */
export function rewardsSuppression(component: FeeComponent): boolean {
  if (component.type === 'qualityPool') return component.nonResponse === 'respondentMean'
  if (component.type !== 'quality') return false
  // Below minResponses, "programmeMean" pays the others' mean: a provider just above the minimum with poor
  // answers gains by losing one of them.
  if (component.basis === 'client') return component.nonResponse === 'providerMean'
  // Not measured for the change from intake to exit: the probe takes away the lowest exit answers, and the
  // clients' changes are not among a run's inputs (docs/METHODS.md, "Change from intake to exit").
  if (component.index === 'change') return false
  return component.nonResponse === 'respondentMean' || component.fewResponses === 'programmeMean'
}

/** ceil(10 %) of the scored answers, so a provider with any answer shows its sensitivity. */
export const suppressedCount = (answers: number) => Math.ceil(answers * SUPPRESSED_SHARE)

/**
 * The clients with the lowest `score` (null: not scored) in the given order, ceil(10 %) of the scored ones;
 * ties keep the clients' order, which is fixed (sorted by externalRef).
 */
export function lowestAnswers(clients: readonly FeeClient[], score: (c: FeeClient) => number | null): FeeClient[] {
  const scored = clients.flatMap((client) => {
    const value = score(client)
    return value === null ? [] : [{ client, value }]
  })
  const m = suppressedCount(scored.length)
  return scored
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => a.value - b.value || a.i - b.i)
    .slice(0, m)
    .map((s) => s.client)
}

/** The clients with the given ones' responses taken away (declined instead of answered). */
export function withoutResponses(clients: readonly FeeClient[], suppressed: readonly FeeClient[]): FeeClient[] {
  const gone = new Set(suppressed)
  return clients.map((c) => (gone.has(c) ? { ...c, response: null } : c))
}

/** The summary as it would be had the suppressed clients ending in the period declined. */
export function suppressedSummary(
  summary: ProviderSummary,
  suppressed: readonly FeeClient[],
  period: DateRange | null,
): ProviderSummary {
  const counted = suppressed.filter((c) => c.response !== null && inCohort(c, period))
  const indices = counted.flatMap((c) => (c.response?.qualityIndex == null ? [] : [c.response.qualityIndex]))
  return {
    ...summary,
    completed: summary.completed - counted.length,
    responses: summary.responses - indices.length,
    qualitySum: summary.qualitySum - indices.reduce((t, x) => t + x, 0),
    qualitySumOfSquares: summary.qualitySumOfSquares - indices.reduce((t, x) => t + x * x, 0),
  }
}
