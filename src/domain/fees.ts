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
import { toCents } from './fee-rule.ts'
import type { BudgetPlan } from './fees/budget.ts'
import { budgetPlan, scaleToBudget, totalsOf } from './fees/budget.ts'
import { applyCap } from './fees/cap.ts'
import type { ClientScope } from './fees/client-components.ts'
import { baseFee, clientQualityFee, clientScore, resultFee } from './fees/client-components.ts'
import type { IndexBasis } from './fees/confidence.ts'
import { boundariesOf, expectedTotal, feeConfidence, indexBasis } from './fees/confidence.ts'
import type { FeeContext } from './fees/context.ts'
import { checkAgainstSummary, checkComplete, feeContext, poolOf, poolShare, summaryFor } from './fees/context.ts'
import {
  compareText,
  providerFigures,
  scoredIndex,
  sortedClients,
  summariseProvider,
  summariseProviderIn,
  summaryOf,
} from './fees/facts.ts'
import type { FeeIndex } from './fees/fee-index.ts'
import { baseSums, indexAt, rawIndex } from './fees/fee-index.ts'
import { qualityPoolShare } from './fees/pool.ts'
import { lumpSumFee, panelFee } from './fees/provider-extras.ts'
import type { FeeIndexed } from './fees/provider-quality.ts'
import { feeIndexFor, providerQualityFee } from './fees/provider-quality.ts'
import { lowestAnswers, rewardsSuppression, suppressedSummary, withoutResponses } from './fees/suppression.ts'
import { inCohort } from './fees/timing.ts'
import type {
  ComponentOutcome,
  FeeClient,
  FeeInputs,
  FeeLine,
  FeeProvider,
  ProviderStatement,
  ProviderSummary,
  Statement,
} from './fees/types.ts'

export type { BudgetPlan, ProviderTotals } from './fees/budget.ts'
export { BudgetBelowBase, budgetPlan, scaleToBudget, totalsOf } from './fees/budget.ts'
export type { FeeConfidence } from './fees/confidence.ts'
export { baselineIndices } from './fees/fee-index.ts'
export { formatCents } from './fees/money.ts'
export type { SuppressionSensitivity } from './fees/suppression.ts'
export type {
  BaselineProvider,
  BudgetSummary,
  ComponentResult,
  FeeClient,
  FeeInputs,
  FeeLine,
  FeeOutcome,
  FeeProvider,
  FeeResponse,
  ItemAnswer,
  PanelRating,
  ProviderStatement,
  ProviderSummary,
  Statement,
} from './fees/types.ts'
export type { FeeContext }
export { feeContext, summariseProvider, summariseProviderIn }

/**
 * Per-client components read the clients; provider-level ones the summary figures and the context. Panel and
 * lumpSum components are left for the second step (null here): the panel needs the base fees after the cap.
 */
function applyComponent(
  component: FeeComponent,
  index: number,
  context: FeeContext,
  summary: ProviderSummary,
  clients: FeeClient[],
  scope: ClientScope,
  feeIndex?: FeeIndex,
): ComponentOutcome | null {
  switch (component.type) {
    case 'base':
      return baseFee(component, index, clients, scope)
    case 'result':
      return resultFee(component, index, clients, scope)
    case 'quality':
      return component.basis === 'client'
        ? clientQualityFee(component, index, providerFigures(summary), clients, scope)
        : providerQualityFee(component, index, summary, context.quality, clients, scope, feeIndex)
    case 'qualityPool':
      return poolShare(context, index, summary.providerId)
    case 'panel':
    case 'lumpSum':
      return null
  }
}

/**
 * The component again with the provider's lowest 10 % of scored answers turned into non-responses (the pool
 * split again among every provider with this one's figures so changed); the gain goes on its result.
 */
function withSuppressionSensitivity(
  outcome: ComponentOutcome,
  component: FeeComponent,
  context: FeeContext,
  summary: ProviderSummary,
  clients: FeeClient[],
  scope: ClientScope,
): ComponentOutcome {
  if (!rewardsSuppression(component)) return outcome
  const index = outcome.result.index
  const score =
    component.type === 'quality' && component.basis === 'client'
      ? (c: FeeClient) => clientScore(component.scoring, c, component.cannotSay)
      : (c: FeeClient) => (inCohort(c, context.period) ? scoredIndex(c) : null)
  const lowest = lowestAnswers(clients, score)
  if (lowest.length === 0) return outcome
  const fewer = suppressedSummary(summary, lowest, context.period)
  const againCents =
    component.type === 'qualityPool'
      ? qualityPoolShare(component, poolOf(context, index), fewer)
      : applyComponent(component, index, context, fewer, withoutResponses(clients, lowest), scope)?.result.amountCents
  if (againCents === undefined) throw new Error(`component ${index} was not computed again`)
  const suppression = { answers: lowest.length, gainCents: againCents - outcome.result.amountCents }
  return { ...outcome, result: { ...outcome.result, suppression } }
}

/** The components of one provider in rule order: per-client ones, the cap, then panel and lumpSum. */
function providerOutcomes(
  context: FeeContext,
  summary: ProviderSummary,
  provider: FeeProvider,
  clients: FeeClient[],
): ComponentOutcome[] {
  const { rule, period } = context
  const scope: ClientScope = { providerId: summary.providerId, prices: rule.prices, period }
  const first = rule.components.map((component, index) => {
    // A provider-level quality index is taken once: the amount and the fee confidence read the same one.
    const indexed =
      component.type === 'quality' && component.basis === 'provider'
        ? feeIndexFor(component, summary, context.quality, clients, period)
        : null
    const outcome = applyComponent(component, index, context, summary, clients, scope, indexed?.index)
    if (outcome === null) return null
    const sensitive = withSuppressionSensitivity(outcome, component, context, summary, clients, scope)
    return withConfidence(context, summary, clients, scope, index, sensitive, indexed)
  })
  const capped =
    rule.capPerClient === undefined
      ? first
      : (() => {
          const present = first.filter((o) => o !== null)
          const after = applyCap(present, toCents(rule.capPerClient))
          return first.map((o) => (o === null ? null : after[present.indexOf(o)]))
        })()
  const baseCents = capped.reduce((s, o) => s + (o !== null && o.result.type === 'base' ? o.result.amountCents : 0), 0)
  return rule.components.map((component, index) => {
    const done = capped[index]
    if (done !== null) return done
    if (component.type === 'panel') return panelFee(component, index, baseCents, provider.panelRatings ?? [], period)
    if (component.type === 'lumpSum') return lumpSumFee(component, index, provider.outcomes ?? [], period)
    throw new Error(`component ${index} was not computed`)
  })
}

/**
 * The provider-level line of a quality or pool component with its fee confidence and expected amount
 * (fees/confidence.ts). A provider-quality amount at another index is the component again at that index; a
 * pool share at the nearest index of another class is 0 (below the threshold nothing, just above it a weight
 * of almost 0), so it needs no other provider.
 */
function withConfidence(
  context: FeeContext,
  summary: ProviderSummary,
  clients: FeeClient[],
  scope: ClientScope,
  index: number,
  outcome: ComponentOutcome,
  indexed: FeeIndexed | null,
): ComponentOutcome {
  const component = context.rule.components[index]
  const [line, ...more] = outcome.lines
  if (line === undefined || more.length > 0 || line.episodeId !== null) return outcome
  const figures = providerFigures(summary)
  const baseline = context.quality.baseline.get(summary.providerId)?.q ?? null
  const boundaries = boundariesOf(component, figures, context.quality.reference, baseline)
  if (boundaries.length === 0) return outcome
  let basis: IndexBasis | null = null
  let amountAt = (_q: number) => 0
  if (component.type === 'qualityPool') {
    basis = indexBasis(rawIndex(summary, component.nonResponse), baseSums(summary, component.nonResponse), context)
  } else if (component.type === 'quality' && component.basis === 'provider' && indexed) {
    basis = indexBasis(indexed.index.value, baseSums(indexed.own, component.nonResponse), context)
    amountAt = (q) =>
      providerQualityFee(component, index, summary, context.quality, clients, scope, indexAt(q)).result.amountCents
  }
  const confidence = feeConfidence(basis, boundaries, line.amountCents, amountAt)
  return confidence ? { ...outcome, lines: [{ ...line, confidence }] } : outcome
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
  checkAgainstSummary(summary, summaryOf(provider, clients, context.period))
  const figures = providerFigures(summary)
  const outcomes = providerOutcomes(context, summary, provider, clients)
  const components = outcomes.map((o) => o.result)
  const lines = outcomes.flatMap((o) => o.lines).sort(compareLines)
  const totalCents = sum(components.map((c) => c.amountCents))
  return {
    providerId: figures.providerId,
    name: figures.name,
    clients: figures.clients,
    responses: figures.responses,
    responseRate: figures.responseRate,
    qualityIndex: figures.qualityIndex,
    components,
    totalCents,
    expectedTotalCents: expectedTotal(totalCents, lines),
    lines,
  }
}

/**
 * The statement over every provider of the context, each exactly once (else it throws). Totals come from
 * totalCents, never from lines, so the statements may have had their lines dropped; they are passed through.
 */
export function assembleStatement(context: FeeContext, providers: ProviderStatement[], budget?: BudgetPlan): Statement {
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
    expectedTotalCents: sum(sorted.map((p) => p.expectedTotalCents)),
    ...(budget ? { budget: budget.summary } : {}),
  }
}

/**
 * Deterministic: providers by providerId, lines by externalRef then component, whatever the input order.
 * With budgetCents, everything but base fees is scaled down to fit (budget.ts); throws BudgetBelowBase.
 */
export function computeStatement(rule: FeeRule, inputs: FeeInputs, budgetCents?: number): Statement {
  const period = inputs.period ?? null
  const context = feeContext(
    rule,
    inputs.currency,
    inputs.providers.map((p) => summariseProviderIn(p, period)),
    inputs.baseline,
    period,
  )
  const statements = inputs.providers.map((provider) => providerStatement(context, provider))
  if (budgetCents === undefined) return assembleStatement(context, statements)
  const plan = budgetPlan(budgetCents, statements.map(totalsOf))
  return assembleStatement(
    context,
    statements.map((s) => scaleToBudget(s, plan)),
    plan,
  )
}
