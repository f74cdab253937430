// Provider-level components that read the provider itself rather than its clients: a steering group's panel
// rating (a share of the provider's base fees) and lump sums per outcome recorded on the provider.
import type { LumpSumComponent, PanelComponent } from '../fee-rule.ts'
import { outcomeList, toCents } from '../fee-rule.ts'
import type { DateRange } from '../periods.ts'
import { parsePeriod } from '../periods.ts'
import { centsOf, counted, formatCents, trimmed } from './money.ts'
import { outcomeOf, providerLine } from './outcome.ts'
import { covers } from './timing.ts'
import type { ComponentOutcome, FeeOutcome, PanelRating } from './types.ts'

/** Ratings whose whole period (month, quarter or year) lies in the run's; the latest version of each. */
export function ratingsInRun(ratings: PanelRating[], period: DateRange | null): PanelRating[] {
  const latest = new Map<string, PanelRating>()
  for (const r of ratings) {
    const range = parsePeriod(r.period)
    if (range === null || !covers(period, range.from) || !covers(period, range.to)) continue
    const seen = latest.get(r.period)
    if (!seen || r.version > seen.version) latest.set(r.period, r)
  }
  return [...latest.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
}

/**
 * Up to maxShareOfBase of the provider's base fees in this run, linear in the rating on the scale: the mean of
 * the ratings of the periods inside the run (the latest version of each), clipped to the scale. One rounding.
 */
export function panelFee(
  component: PanelComponent,
  index: number,
  baseCents: number,
  ratings: PanelRating[],
  period: DateRange | null,
): ComponentOutcome {
  const { min, max } = component.scale
  const maxText = `up to ${trimmed(component.maxShareOfBase * 100, 2)} % of base fees ${formatCents(baseCents)}`
  const used = ratingsInRun(ratings, period)
  if (used.length === 0) {
    const reason = 'no panel rating for a period inside the run'
    return outcomeOf(index, 'panel', [providerLine(index, 'panel', 0, reason)], `${maxText}; ${reason}`)
  }
  const mean = used.reduce((s, r) => s + r.rating, 0) / used.length
  const clipped = Math.min(max, Math.max(min, mean))
  const amount = centsOf(baseCents, { num: component.maxShareOfBase * (clipped - min), den: max - min })
  const rated = used.map((r) => `${r.period} rated ${r.rating} (v${r.version}): ${r.reason}`).join('; ')
  const reason = `panel rating ${trimmed(mean, 2)} on ${min}-${max} -> ${trimmed(((clipped - min) / (max - min)) * 100, 2)} % of the maximum; ${rated}`
  return outcomeOf(index, 'panel', [providerLine(index, 'panel', amount, reason)], `${maxText}; ${reason}`, {
    rating: mean,
    baseCents,
  })
}

/** One line per provider outcome of a listed type in the period, each paying the amount. */
export function lumpSumFee(
  component: LumpSumComponent,
  index: number,
  outcomes: FeeOutcome[],
  period: DateRange | null,
): ComponentOutcome {
  const types = outcomeList(component.outcome)
  const cents = toCents(component.amount)
  const earned = outcomes
    .filter((o) => types.includes(o.type) && covers(period, o.occurredOn))
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0))
  const what = types.join(' or ')
  const lines =
    earned.length === 0
      ? [providerLine(index, 'lumpSum', 0, `no ${what} recorded on the provider in the period`)]
      : earned.map((o) => providerLine(index, 'lumpSum', cents, `${o.type} on ${o.occurredOn}`))
  return outcomeOf(index, 'lumpSum', lines, `${formatCents(cents)} per ${what} x ${counted(earned.length, 'outcome')}`)
}
