import type { DateRange } from '../periods.ts'
import { inCohort } from './timing.ts'
import type { FeeClient, FeeProvider, ProviderSummary } from './types.ts'

/** The provider-level figures components read, all from the provider's summary so every chunk sees the same. */
export type ProviderFigures = {
  providerId: string
  name: string
  clients: number
  /** Clients with a scored response. */
  responses: number
  /** Mean quality index of those responses; null when there are none. */
  qualityIndex: number | null
  /** completed / invited; null when nothing was invited. */
  responseRate: number | null
}

/** Code-unit order, so the result does not depend on the runtime's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Rows by providerId; a provider twice means a loading bug, so it throws rather than pick one. */
export function byProviderId<T extends { providerId: string }>(rows: T[], where: string): Map<string, T> {
  const map = new Map<string, T>()
  for (const row of rows) {
    if (map.has(row.providerId)) throw new RangeError(`provider ${row.providerId} appears twice in the ${where}`)
    map.set(row.providerId, row)
  }
  return map
}

function compareClients(a: FeeClient, b: FeeClient): number {
  return compareText(a.externalRef, b.externalRef) || compareText(a.episodeId, b.episodeId)
}

/** Float sums depend on their order; a fixed client order makes every result independent of the input order. */
export function sortedClients(clients: FeeClient[]): FeeClient[] {
  return [...clients].sort(compareClients)
}

export function scoredIndex(client: FeeClient): number | null {
  return client.response?.qualityIndex ?? null
}

/** The summary of a provider whose clients are already sorted: its clients ending in the period only. */
export function summaryOf(
  provider: FeeProvider,
  sorted: FeeClient[],
  period: DateRange | null = null,
): ProviderSummary {
  const clients = sorted.filter((c) => inCohort(c, period))
  const indices = clients.map(scoredIndex).filter((index) => index !== null)
  return {
    providerId: provider.providerId,
    name: provider.name,
    clients: clients.length,
    invited: provider.invited,
    completed: provider.completed,
    responses: indices.length,
    qualitySum: indices.reduce((total, index) => total + index, 0),
    qualitySumOfSquares: indices.reduce((total, index) => total + index * index, 0),
  }
}

export function summariseProvider(provider: FeeProvider): ProviderSummary {
  return summaryOf(provider, sortedClients(provider.clients))
}

/** The summary of the provider's clients ending in the period. */
export function summariseProviderIn(provider: FeeProvider, period: DateRange | null): ProviderSummary {
  return summaryOf(provider, sortedClients(provider.clients), period)
}

/**
 * Q = qualitySum / responses. A SQL SUM may add in another order than JS, so Q can differ from the JS mean in
 * its last bits (~1e-14 relative). That does not move an amount: Q is compared with a 1e-9 slack (atLeast,
 * above, pool ties) and amounts round with a relative 1e-11 tolerance (money.ts), both far above that noise.
 */
export function providerFigures(summary: ProviderSummary): ProviderFigures {
  return {
    providerId: summary.providerId,
    name: summary.name,
    clients: summary.clients,
    responses: summary.responses,
    qualityIndex: summary.responses > 0 ? summary.qualitySum / summary.responses : null,
    responseRate: summary.invited > 0 ? summary.completed / summary.invited : null,
  }
}
