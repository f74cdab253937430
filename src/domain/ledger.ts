// The fee ledger (issue 12): every euro is paid once. A run computes what is owed for each client and
// component (`amount`), subtracts what final runs have already paid for the same client and component
// (`paidBefore`, over every rule version) and pays the difference (`payable`, negative for a credit).
//
// "The same payment":
// - a client line: (episode, component key, component type), whatever the run's period or rule version;
// - a provider-level line (provider-basis quality, quality pool): (provider, component key, component type,
//   period from/to). Such an amount is a function of the whole period (a quality factor over October is not
//   part of one over the quarter), so only a run over the identical period pays the difference; a run that
//   would pay one over a period overlapping a different, already paid one is refused at finalisation
//   (providerLevelConflict).
// Pure: the caller loads what was paid from the ledger.
import type { FeeComponent, FeeRule } from './fee-rule.ts'
import { componentKeyOf } from './fee-rule.ts'
import { linesForProviderKey, type ProviderFeeLine } from './fees/provider-lines.ts'
import type { ComponentResult, FeeLine, ProviderStatement } from './fees/types.ts'

export type Period = { from: string; to: string }

export type SettledLine = FeeLine & { componentKey: string; paidBeforeCents: number; payableCents: number }
export type SettledComponent = ComponentResult & { key: string; paidBeforeCents: number; payableCents: number }

/** A provider's statement after the ledger: totalCents is what this run pays (sum of payable), owedCents what is owed. */
export type SettledStatement = Omit<ProviderStatement, 'components' | 'lines'> & {
  components: SettledComponent[]
  lines: SettledLine[]
  owedCents: number
  paidBeforeCents: number
}

/** What the ledger calls the same payment (see the top of this file). */
export function paidKey(
  providerId: string,
  episodeId: string | null,
  componentKey: string,
  type: string,
  period: Period,
): string {
  return episodeId === null
    ? JSON.stringify(['provider', providerId, componentKey, type, period.from, period.to])
    : JSON.stringify(['client', episodeId, componentKey, type])
}

const componentAt = (rule: FeeRule, index: number): FeeComponent => {
  const component = rule.components[index]
  if (!component) throw new RangeError(`line of component ${index}, which the rule does not have`)
  return component
}

/**
 * Each line with what final runs already paid for it (`paid` by paidKey, missing = 0) and what is left to
 * pay; components and the provider total are sums of their lines, so the statement still adds up.
 */
export function settleStatement(
  rule: FeeRule,
  statement: ProviderStatement,
  period: Period,
  paid: ReadonlyMap<string, number>,
): SettledStatement {
  const lines = statement.lines.map((line): SettledLine => {
    const componentKey = componentKeyOf(componentAt(rule, line.component), line.component)
    const key = paidKey(statement.providerId, line.episodeId, componentKey, line.type, period)
    const paidBeforeCents = paid.get(key) ?? 0
    return { ...line, componentKey, paidBeforeCents, payableCents: line.amountCents - paidBeforeCents }
  })
  const components = statement.components.map((c): SettledComponent => {
    const own = lines.filter((l) => l.component === c.index)
    const paidBeforeCents = own.reduce((s, l) => s + l.paidBeforeCents, 0)
    return {
      ...c,
      key: componentKeyOf(componentAt(rule, c.index), c.index),
      paidBeforeCents,
      payableCents: c.amountCents - paidBeforeCents,
    }
  })
  const paidBeforeCents = components.reduce((s, c) => s + c.paidBeforeCents, 0)
  return {
    ...statement,
    components,
    lines,
    owedCents: statement.totalCents,
    paidBeforeCents,
    totalCents: statement.totalCents - paidBeforeCents,
  }
}

/** A provider-level payment already in the ledger. */
export type PaidProviderLine = Period & {
  runId: string
  providerId: string
  componentKey: string
  type: string
}

/**
 * The final run a run may not be finalised against: one that paid a provider-level component (same provider,
 * key and type) over a period that overlaps this run's without being the same, when this run owes something
 * for it. Null when there is none.
 */
export function providerLevelConflict(
  period: Period,
  owed: Array<{ providerId: string; componentKey: string; type: string; amountCents: number }>,
  paid: PaidProviderLine[],
): PaidProviderLine | null {
  for (const line of owed) {
    if (line.amountCents === 0) continue
    const clash = paid.find(
      (p) =>
        p.providerId === line.providerId &&
        p.componentKey === line.componentKey &&
        p.type === line.type &&
        p.from <= period.to &&
        p.to >= period.from &&
        (p.from !== period.from || p.to !== period.to),
    )
    if (clash) return clash
  }
  return null
}

export type ProviderSettledLine = ProviderFeeLine & {
  componentKey?: string
  paidBeforeCents?: number
  payableCents?: number
}

/**
 * A provider key's view of settled lines: each client-basis quality component summed into one line per run
 * (linesForProviderKey), its paid-before and payable summed the same way.
 */
export function settledLinesForProviderKey(
  lines: ReadonlyArray<FeeLine & Partial<SettledLine>>,
  respondents: number,
): ProviderSettledLine[] {
  const sums = new Map<number, { paidBeforeCents: number; payableCents: number; componentKey?: string }>()
  for (const l of lines) {
    if (l.type !== 'quality' || l.externalRef === null) continue
    const s = sums.get(l.component) ?? { paidBeforeCents: 0, payableCents: 0, componentKey: l.componentKey }
    s.paidBeforeCents += l.paidBeforeCents ?? 0
    s.payableCents += l.payableCents ?? l.amountCents
    sums.set(l.component, s)
  }
  return linesForProviderKey(lines, respondents).map((l) => {
    const s = l.clients !== null ? sums.get(l.component) : undefined
    return s ? { ...l, ...s } : l
  })
}
