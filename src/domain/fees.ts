/**
 * The fee engine: a fee rule applied to one period's providers, clients, responses and outcomes gives a
 * statement that adds up line by line. Pure: the caller loads the inputs.
 */
import type { FeeComponent, FeeRule } from './fee-rule.ts'
import { baseFee, clientQualityFee, resultFee } from './fees/client-components.ts'
import { compareText, sortedFacts } from './fees/facts.ts'
import type { ProviderFacts } from './fees/facts.ts'
import { providerQualityContext, providerQualityFee } from './fees/provider-quality.ts'
import type { ProviderQualityContext } from './fees/provider-quality.ts'
import { qualityPool } from './fees/pool.ts'
import type { PoolOutcome } from './fees/pool.ts'
import type { FeeInputs, FeeLine, ProviderStatement, Statement } from './fees/types.ts'

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
  Statement,
} from './fees/types.ts'

/** Every component as one pool-shaped result: per-provider outcomes aligned with `facts`, plus unallocated money. */
function applyComponent(
  component: FeeComponent,
  index: number,
  facts: ProviderFacts[],
  context: ProviderQualityContext,
): PoolOutcome {
  if (component.type === 'qualityPool') return qualityPool(component, index, facts)
  const outcomes = facts.map((f) => {
    switch (component.type) {
      case 'base':
        return baseFee(component, index, f)
      case 'result':
        return resultFee(component, index, f)
      case 'quality':
        return component.basis === 'client'
          ? clientQualityFee(component, index, f)
          : providerQualityFee(component, index, f, context)
    }
  })
  return { outcomes, unallocatedCents: 0 }
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

/** Deterministic: providers by providerId, lines by externalRef then component, whatever the input order. */
export function computeStatement(rule: FeeRule, inputs: FeeInputs): Statement {
  if (rule.currency !== inputs.currency) {
    throw new RangeError(`the fee rule is in ${rule.currency} but the inputs are in ${inputs.currency}`)
  }
  const facts = sortedFacts(inputs.providers)
  const context = providerQualityContext(inputs.baseline?.providers ?? [])
  const applied = rule.components.map((component, index) => applyComponent(component, index, facts, context))
  const providers: ProviderStatement[] = facts.map((f, p) => {
    const outcomes = applied.map((a) => a.outcomes[p])
    const components = outcomes.map((o) => o.result)
    return {
      providerId: f.providerId,
      name: f.name,
      clients: f.clients.length,
      responses: f.responses,
      responseRate: f.responseRate,
      qualityIndex: f.qualityIndex,
      components,
      totalCents: sum(components.map((c) => c.amountCents)),
      lines: outcomes.flatMap((o) => o.lines).sort(compareLines),
    }
  })
  return {
    currency: inputs.currency,
    providers,
    unallocatedCents: sum(applied.map((a) => a.unallocatedCents)),
    totalCents: sum(providers.map((p) => p.totalCents)),
  }
}
