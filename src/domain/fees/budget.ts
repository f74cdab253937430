// A run's budget: when the statement would cost more, every component except base fees is scaled down in
// proportion so the run costs exactly the budget. Base fees are never scaled; a budget below them is refused.
// Two largest-remainder splits keep it exact to the cent and work a provider at a time: the money left after
// base fees is split among the providers by their unscaled non-base totals, then each provider's part among
// its non-base lines by their amounts.

import { expectedTotal } from './confidence.ts'
import { compareText } from './facts.ts'
import { formatCents, roundHalfAwayFromZero, trimmed } from './money.ts'
import { outcomeOf } from './outcome.ts'
import { largestRemainder } from './pool.ts'
import type { BudgetSummary, ProviderStatement } from './types.ts'

export class BudgetBelowBase extends RangeError {
  constructor(
    readonly budgetCents: number,
    readonly baseCents: number,
  ) {
    super(`the budget ${formatCents(budgetCents)} is below the run's base fees ${formatCents(baseCents)}`)
  }
}

export type ProviderTotals = { providerId: string; baseCents: number; otherCents: number }

export function totalsOf(statement: Pick<ProviderStatement, 'providerId' | 'components'>): ProviderTotals {
  let baseCents = 0
  let otherCents = 0
  for (const c of statement.components) {
    if (c.type === 'base') baseCents += c.amountCents
    else otherCents += c.amountCents
  }
  return { providerId: statement.providerId, baseCents, otherCents }
}

export type BudgetPlan = { summary: BudgetSummary; byProvider: ReadonlyMap<string, number> }

/** Each provider's non-base money after scaling; throws BudgetBelowBase. */
export function budgetPlan(budgetCents: number, providers: ProviderTotals[]): BudgetPlan {
  const sorted = [...providers].sort((a, b) => compareText(a.providerId, b.providerId))
  const baseCents = sorted.reduce((s, p) => s + p.baseCents, 0)
  const unscaledCents = sorted.reduce((s, p) => s + p.otherCents, 0)
  if (budgetCents < baseCents) throw new BudgetBelowBase(budgetCents, baseCents)
  const scaledCents = Math.min(unscaledCents, budgetCents - baseCents)
  const factor = unscaledCents === 0 ? 1 : scaledCents / unscaledCents
  const claims = sorted.filter((p) => p.otherCents > 0).map((p) => ({ id: p.providerId, weight: p.otherCents }))
  const parts =
    scaledCents === unscaledCents
      ? claims.map((c) => c.weight)
      : claims.length > 0
        ? largestRemainder(scaledCents, claims)
        : []
  const byProvider = new Map(sorted.map((p) => [p.providerId, 0]))
  claims.forEach((c, i) => {
    byProvider.set(c.id, parts[i])
  })
  return { summary: { budgetCents, baseCents, unscaledCents, scaledCents, factor }, byProvider }
}

/** The provider's statement with its non-base lines scaled to its part of the plan (needs its lines). */
export function scaleToBudget(statement: ProviderStatement, plan: BudgetPlan): ProviderStatement {
  const { otherCents } = totalsOf(statement)
  const target = plan.byProvider.get(statement.providerId) ?? 0
  if (target === otherCents) return statement
  const scalable = statement.lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.type !== 'base' && line.amountCents > 0)
  const parts = largestRemainder(
    target,
    scalable.map(({ line, i }) => ({ id: String(i).padStart(8, '0'), weight: line.amountCents })),
  )
  // An expected amount is scaled by the run's factor, as its line would be were it earned.
  const lines = statement.lines.map((line) =>
    line.confidence && line.type !== 'base'
      ? {
          ...line,
          confidence: {
            ...line.confidence,
            expectedAmountCents: roundHalfAwayFromZero(line.confidence.expectedAmountCents * plan.summary.factor),
          },
        }
      : line,
  )
  const factor = trimmed(plan.summary.factor, 6)
  scalable.forEach(({ line, i }, k) => {
    lines[i] = {
      ...lines[i],
      amountCents: parts[k],
      reason: `${line.reason}; scaled to the budget from ${formatCents(line.amountCents)} (factor ${factor})`,
    }
  })
  const components = statement.components.map((c) => {
    if (c.type === 'base') return c
    const own = lines.filter((l) => l.component === c.index)
    const scaled = outcomeOf(c.index, c.type, own, c.explanation, c.details).result
    // ...c keeps what the scaling does not touch (the suppression sensitivity, computed before any budget).
    return {
      ...c,
      ...scaled,
      explanation: `${c.explanation}; scaled to the budget ${formatCents(plan.summary.budgetCents)}: ${formatCents(c.amountCents)} -> ${formatCents(scaled.amountCents)} (factor ${factor})`,
      details: { ...c.details, unscaledCents: c.amountCents },
    }
  })
  const totalCents = components.reduce((s, c) => s + c.amountCents, 0)
  return { ...statement, components, lines, totalCents, expectedTotalCents: expectedTotal(totalCents, lines) }
}
