import type { FeeClient, FeeProvider } from './types.ts'

/** A provider with its clients in a fixed order and the figures every component reads. */
export type ProviderFacts = {
  providerId: string
  name: string
  clients: FeeClient[]
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

// Float sums depend on their order; a fixed client order makes every result independent of the input order.
function compareClients(a: FeeClient, b: FeeClient): number {
  return compareText(a.externalRef, b.externalRef) || compareText(a.episodeId, b.episodeId)
}

export function scoredIndex(client: FeeClient): number | null {
  return client.response?.qualityIndex ?? null
}

export function providerFacts(provider: FeeProvider): ProviderFacts {
  const clients = [...provider.clients].sort(compareClients)
  const indices = clients.map(scoredIndex).filter((index) => index !== null)
  const sum = indices.reduce((total, index) => total + index, 0)
  return {
    providerId: provider.providerId,
    name: provider.name,
    clients,
    responses: indices.length,
    qualityIndex: indices.length > 0 ? sum / indices.length : null,
    responseRate: provider.invited > 0 ? provider.completed / provider.invited : null,
  }
}

export function sortedFacts(providers: FeeProvider[]): ProviderFacts[] {
  const facts = providers.map(providerFacts).sort((a, b) => compareText(a.providerId, b.providerId))
  for (let i = 1; i < facts.length; i++) {
    if (facts[i].providerId === facts[i - 1].providerId) {
      throw new RangeError(`provider ${facts[i].providerId} appears twice in the fee inputs`)
    }
  }
  return facts
}
