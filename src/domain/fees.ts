/**
 * The fee engine: a fee rule applied to one period's providers, clients, responses and outcomes gives a
 * statement that adds up line by line. Pure: the caller loads the inputs.
 *
 * A run too large for memory goes in three steps: feeContext from provider summaries (one SQL aggregate over
 * all providers: everything that needs other providers), providerStatement per provider with only its own
 * clients (a chunk at a time), and assembleStatement over the provider statements, whose lines may be dropped.
 * computeStatement is the same composition for inputs that fit in memory.
 */
import type { FeeComponent, FeeRule } from './fee-rule.ts'
import { baseFee, clientQualityFee, resultFee } from './fees/client-components.ts'
import type { FeeContext } from './fees/context.ts'
import { checkAgainstSummary, checkComplete, feeContext, poolShare, summaryFor } from './fees/context.ts'
import type { ProviderFigures } from './fees/facts.ts'
import { compareText, providerFigures, sortedClients, summariseProvider, summaryOf } from './fees/facts.ts'
import { providerQualityFee } from './fees/provider-quality.ts'
import type {
  ComponentOutcome,
  FeeClient,
  FeeInputs,
  FeeLine,
  FeeProvider,
  ProviderStatement,
  Statement,
} from './fees/types.ts'

export { formatCents } from './fees/money.ts'
export type {
  BaselineProvider,
  ComponentResult,
  FeeClient,
  FeeInputs,
  FeeLine,
  FeeProvider,
  FeeResponse,
  ProviderStatement,
  ProviderSummary,
  Statement,
} from './fees/types.ts'
export type { FeeContext }
export { feeContext, summariseProvider }

/** Per-client components read the clients; provider-level ones only the summary figures and the context. */
function applyComponent(
  component: FeeComponent,
  index: number,
  context: FeeContext,
  figures: ProviderFigures,
  clients: FeeClient[],
): ComponentOutcome {
  switch (component.type) {
    case 'base':
      return baseFee(component, index, clients)
    case 'result':
      return resultFee(component, index, clients)
    case 'quality':
      return component.basis === 'client'
        ? clientQualityFee(component, index, figures, clients)
        : providerQualityFee(component, index, figures, context.quality)
    case 'qualityPool':
      return poolShare(context, index, figures.providerId)
  }
}

// Client lines by externalRef, provider-level lines (externalRef null) after them; then by component.
function compareLines(a: FeeLine, b: FeeLine): number {
  if (a.externalRef !== b.externalRef) {
    if (a.externalRef === null) return 1
    if (b.externalRef === null) return -1
    return compareText(a.externalRef, b.externalRef)
  }
  return a.component - b.component || compareText(a.episodeId ?? '', b.episodeId ?? '')
}

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0)

/**
 * One provider's statement with all its client lines, from its own clients and the context. Provider-level
 * figures (clients, responses, rate, Q) come from its summary, so they match what the pool used; throws when
 * the provider is not in the context or its loaded clients disagree with its summary.
 */
export function providerStatement(context: FeeContext, provider: FeeProvider): ProviderStatement {
  const summary = summaryFor(context, provider.providerId)
  const clients = sortedClients(provider.clients)
  checkAgainstSummary(summary, summaryOf(provider, clients))
  const figures = providerFigures(summary)
  const outcomes = context.rule.components.map((component, index) =>
    applyComponent(component, index, context, figures, clients),
  )
  const components = outcomes.map((o) => o.result)
  return {
    providerId: figures.providerId,
    name: figures.name,
    clients: figures.clients,
    responses: figures.responses,
    responseRate: figures.responseRate,
    qualityIndex: figures.qualityIndex,
    components,
    totalCents: sum(components.map((c) => c.amountCents)),
    lines: outcomes.flatMap((o) => o.lines).sort(compareLines),
  }
}

/**
 * The statement over every provider of the context, each exactly once (else it throws). Totals come from
 * totalCents, never from lines, so the statements may have had their lines dropped; they are passed through.
 */
export function assembleStatement(context: FeeContext, providers: ProviderStatement[]): Statement {
  checkComplete(
    context,
    providers.map((p) => p.providerId),
  )
  const sorted = [...providers].sort((a, b) => compareText(a.providerId, b.providerId))
  return {
    currency: context.currency,
    providers: sorted,
    unallocatedCents: sum([...context.pools.values()].map((pool) => pool.unallocatedCents)),
    totalCents: sum(sorted.map((p) => p.totalCents)),
  }
}

/** Deterministic: providers by providerId, lines by externalRef then component, whatever the input order. */
export function computeStatement(rule: FeeRule, inputs: FeeInputs): Statement {
  const context = feeContext(rule, inputs.currency, inputs.providers.map(summariseProvider), inputs.baseline)
  return assembleStatement(
    context,
    inputs.providers.map((provider) => providerStatement(context, provider)),
  )
}
