// Which run pays a component for a client: the one whose period covers the component's date (`when`).
import type { ResultComponent } from '../fee-rule.ts'
import { outcomeList } from '../fee-rule.ts'
import type { DateRange } from '../periods.ts'
import type { FeeClient, FeeOutcome } from './types.ts'

/** A null period (the caller selected the clients) covers every date. */
export function covers(period: DateRange | null, date: string): boolean {
  return period === null || (date >= period.from && date <= period.to)
}

export function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The episode's date a start- or end-anchored component is paid by. */
export function anchorDate(client: FeeClient, when: 'start' | 'end'): string {
  return when === 'start' ? client.startedOn : client.endedOn
}

/** Clients ending in the period: the only ones the provider's figures (clients, responses, rate) count. */
export function inCohort(client: FeeClient, period: DateRange | null): boolean {
  return covers(period, client.endedOn)
}

/** Outcomes by date, then type: the order the engine and the data layer both keep them in. */
export function compareOutcomes(a: FeeOutcome, b: FeeOutcome): number {
  return a.occurredOn < b.occurredOn
    ? -1
    : a.occurredOn > b.occurredOn
      ? 1
      : a.type < b.type
        ? -1
        : a.type > b.type
          ? 1
          : 0
}

/**
 * The earliest outcome that earns the component: one of its types, at most withinDays after the episode's end
 * (outcomes during the service count too), with a value of at least minValue. Any one earns the component
 * once, so the earliest fixes the run that pays it.
 */
export function qualifyingOutcome(component: ResultComponent, client: FeeClient): FeeOutcome | null {
  const types = outcomeList(component.outcome)
  const last = component.withinDays === undefined ? null : plusDays(client.endedOn, component.withinDays)
  const min = component.minValue
  const found = client.outcomes
    .filter((o) => types.includes(o.type))
    .filter((o) => last === null || o.occurredOn <= last)
    .filter((o) => min === undefined || (o.value !== null && o.value >= min))
    .sort(compareOutcomes)
  return found[0] ?? null
}

/** "recruitment", "recruitment or recruitment_probable", with the conditions the outcome must meet. */
export function outcomeText(component: ResultComponent): string {
  const types = outcomeList(component.outcome).join(' or ')
  const value = component.minValue === undefined ? '' : ` of at least ${component.minValue}`
  const within = component.withinDays === undefined ? '' : ` within ${component.withinDays} days of the end`
  return `${types}${value}${within}`
}
