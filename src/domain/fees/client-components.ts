import type {
  BaseComponent,
  CannotSayRule,
  ClientQualityComponent,
  ClientScoring,
  Prices,
  ResultComponent,
} from '../fee-rule.ts'
import { toCents } from '../fee-rule.ts'
import type { DateRange } from '../periods.ts'
import type { ProviderFigures } from './facts.ts'
import { scoredIndex } from './facts.ts'
import type { Share } from './money.ts'
import {
  atLeast,
  centsOf,
  counted,
  FULL,
  indexText,
  responseRateGateReason,
  shareText,
  shareValue,
  ZERO,
} from './money.ts'
import { clientLine, outcomeOf } from './outcome.ts'
import { amountScope, pricedAmount } from './prices.ts'
import { anchorDate, covers, inCohort, outcomeText, qualifyingOutcome } from './timing.ts'
import type { ComponentOutcome, FeeClient, FeeResponse, ItemAnswer } from './types.ts'

/** What a per-client component needs besides its clients: whose they are, the prices and the run's period. */
export type ClientScope = { providerId: string; prices: Prices | undefined; period: DateRange | null }

const WHEN_TEXT = { start: 'starting', end: 'ending' } as const

function periodNote(when: 'start' | 'end', scope: ClientScope): string {
  return scope.period === null || when === 'end' ? '' : ` (clients ${WHEN_TEXT[when]} in the period)`
}

export function baseFee(
  component: BaseComponent,
  index: number,
  clients: FeeClient[],
  scope: ClientScope,
): ComponentOutcome {
  const due = clients.filter((c) => covers(scope.period, anchorDate(c, component.when)))
  const lines = due.map((client) => {
    const amount = pricedAmount(
      component.perClient,
      component.share,
      scope.prices,
      scope.providerId,
      client.serviceType,
    )
    const reason = component.share === undefined ? 'base fee' : `base fee ${amount.text}`
    return clientLine(client, index, 'base', amount.cents, reason)
  })
  const per = amountScope(component.perClient, component.share)
  return outcomeOf(
    index,
    'base',
    lines,
    `${per} per client x ${counted(due.length, 'client')}${periodNote(component.when, scope)}`,
  )
}

type ResultPay = { cents: number; reason: string }

function resultAmount(component: ResultComponent, client: FeeClient, scope: ClientScope, recorded: string): ResultPay {
  const { byRiskClass } = component
  const perClient = () =>
    pricedAmount(component.perClient, component.share, scope.prices, scope.providerId, client.serviceType)
  const priced = (why: string) => {
    const amount = perClient()
    const shareNote = component.share === undefined ? '' : `: ${amount.text}`
    return { cents: amount.cents, reason: `${recorded}${why}${shareNote}` }
  }
  if (!byRiskClass) return priced('')
  const riskClass = client.riskClass
  // hasOwn, so a class named like an Object.prototype member ("constructor") is not found by accident.
  if (riskClass !== null && Object.hasOwn(byRiskClass, riskClass)) {
    return { cents: toCents(byRiskClass[riskClass]), reason: `${recorded} (risk class ${riskClass})` }
  }
  const why = riskClass === null ? 'no risk class' : `risk class ${riskClass} not in the rule`
  return priced(` (${why}: default amount)`)
}

/** The line of one client, or null when this run has nothing to say about the client for this component. */
function resultLine(component: ResultComponent, client: FeeClient, scope: ClientScope): ResultPay | null {
  const found = qualifyingOutcome(component, client)
  const what = outcomeText(component)
  const simple =
    typeof component.outcome === 'string' && component.withinDays === undefined && component.minValue === undefined
  if (component.when === 'outcome') {
    if (found !== null && covers(scope.period, found.occurredOn)) {
      const recorded = simple ? `${found.type} recorded` : `${found.type} on ${found.occurredOn} meets ${what}`
      return resultAmount(component, client, scope, recorded)
    }
    // A client ending in the period says why it earns nothing here; others are not this run's business.
    if (!inCohort(client, scope.period)) return null
    if (found !== null)
      return { cents: 0, reason: `${found.type} on ${found.occurredOn}: earned in the run covering that date` }
    return { cents: 0, reason: `no ${what} recorded` }
  }
  if (!covers(scope.period, anchorDate(client, component.when))) return null
  if (found === null) return { cents: 0, reason: `no ${what} recorded` }
  const recorded = simple ? `${found.type} recorded` : `${found.type} on ${found.occurredOn} meets ${what}`
  return resultAmount(component, client, scope, recorded)
}

function resultExplanation(component: ResultComponent, recorded: number, clients: number): string {
  const perClient = amountScope(component.perClient, component.share)
  const classes = component.byRiskClass
    ? Object.entries(component.byRiskClass).map(
        ([riskClass, amount]) => `risk class ${riskClass} ${amountScope(amount, undefined)}`,
      )
    : null
  const tiers = classes ? `${classes.join(', ')}, otherwise ${perClient}` : perClient
  return `${tiers} per client with a recorded ${outcomeText(component)} (${recorded} of ${counted(clients, 'client')})`
}

export function resultFee(
  component: ResultComponent,
  index: number,
  clients: FeeClient[],
  scope: ClientScope,
): ComponentOutcome {
  const lines = clients.flatMap((client) => {
    const pay = resultLine(component, client, scope)
    return pay === null ? [] : [clientLine(client, index, 'result', pay.cents, pay.reason)]
  })
  const recorded = lines.filter((l) => !l.reason.startsWith('no ') && !l.reason.includes('earned in the run')).length
  return outcomeOf(index, 'result', lines, resultExplanation(component, recorded, lines.length))
}

const isTop = (a: { position: number | null; points: number } | undefined) => a !== undefined && a.position === a.points

/** An answer's 0..100 score; "cannot say" (position null) scores the bottom point under lowest, else nothing. */
function itemScore(a: ItemAnswer, cannotSay: CannotSayRule): number[] {
  if (a.position !== null) return [((a.position - 1) / (a.points - 1)) * 100]
  return cannotSay === 'lowest' ? [0] : []
}

/**
 * The response's index over only some items: null when fewer than half of them are answered on the scale
 * ("cannot say" never makes a response count, whichever the rule).
 */
function itemsIndex(response: FeeResponse, items: string[], cannotSay: CannotSayRule): number | null {
  const given = items.flatMap((name) => response.items?.[name] ?? [])
  const onScale = given.filter((a) => a.position !== null).length
  if (onScale * 2 < items.length || onScale === 0) return null
  const scores = given.flatMap((a) => itemScore(a, cannotSay))
  return scores.reduce((s, x) => s + x, 0) / scores.length
}

/**
 * The index a client's response is scored on: all its scored items, or the scoring's items only. Under
 * lowest, a response with an index is re-scored from its items with "cannot say" at the bottom point; a
 * response loaded without its items has no "cannot say" to score and keeps its index.
 */
export function clientIndex(scoring: ClientScoring, client: FeeClient, cannotSay: CannotSayRule): number | null {
  const response = client.response
  if (scoring.mode !== 'linear' && scoring.items && response) return itemsIndex(response, scoring.items, cannotSay)
  const index = scoredIndex(client)
  if (index === null || cannotSay === 'exclude' || !response?.items) return index
  const scores = Object.values(response.items).flatMap((a) => itemScore(a, cannotSay))
  return scores.reduce((s, x) => s + x, 0) / scores.length
}

/** The note a line or explanation carries when "cannot say" is scored as the bottom point. */
export const cannotSayNote = (cannotSay: CannotSayRule) =>
  cannotSay === 'lowest' ? '; "cannot say" scored as the lowest point' : ''

/** Share of perClientMax for one scored response. */
function clientShare(
  scoring: ClientScoring,
  client: FeeClient,
  qualityIndex: number,
): { share: Share; reason: string } {
  switch (scoring.mode) {
    case 'linear': {
      const share = { num: qualityIndex, den: 100 }
      return { share, reason: `quality index ${indexText(qualityIndex)} -> share ${shareText(share)}` }
    }
    case 'allTop': {
      if (scoring.items) {
        const items = scoring.items
        const top = items.filter((name) => isTop(client.response?.items?.[name])).length
        return top === items.length
          ? { share: FULL, reason: `all ${items.length} listed items at the top -> share 1` }
          : { share: ZERO, reason: `${top} of ${items.length} listed items at the top -> share 0` }
      }
      return client.response?.allTop
        ? { share: FULL, reason: 'every scored item at the top -> share 1' }
        : { share: ZERO, reason: 'not every scored item at the top -> share 0' }
    }
    case 'steps': {
      // Steps are ordered from the highest minIndex down, so the first one reached is the highest.
      const step = scoring.steps.find((s) => atLeast(qualityIndex, s.minIndex))
      if (!step) {
        const lowest = scoring.steps[scoring.steps.length - 1].minIndex
        return {
          share: ZERO,
          reason: `quality index ${indexText(qualityIndex)} below the lowest step ${lowest} -> share 0`,
        }
      }
      const share = { num: step.share, den: 1 }
      return {
        share,
        reason: `quality index ${indexText(qualityIndex)} reaches step ${step.minIndex} -> share ${shareText(share)}`,
      }
    }
  }
}

/** The share a client's own answer earns under the scoring (null: no scored answer), to rank answers. */
export function clientScore(scoring: ClientScoring, client: FeeClient, cannotSay: CannotSayRule): number | null {
  const qualityIndex = clientIndex(scoring, client, cannotSay)
  return qualityIndex === null ? null : shareValue(clientShare(scoring, client, qualityIndex).share)
}

const MODE_TEXT: Record<ClientScoring['mode'], string> = {
  linear: 'quality index / 100',
  allTop: 'all or nothing: every scored item at the top',
  steps: 'quality index steps',
}

function modeText(scoring: ClientScoring): string {
  if (scoring.mode === 'linear' || !scoring.items) return MODE_TEXT[scoring.mode]
  return scoring.mode === 'allTop'
    ? `all or nothing: ${scoring.items.join(', ')} all at the top`
    : `quality index steps over ${scoring.items.join(', ')}`
}

/** One mode gives every client the same denominator, so the mean keeps it and the amount is still one rounding. */
function meanShare(shares: Share[]): Share {
  if (shares.length === 0) return ZERO
  return { num: shares.reduce((total, s) => total + s.num, 0), den: shares[0].den * shares.length }
}

/** Clients this run pays quality for, and those whose open, unexpired invitation makes them wait. */
export function qualityDue(clients: FeeClient[], when: 'start' | 'end', period: DateRange | null) {
  const inRun = clients.filter((c) => covers(period, anchorDate(c, when)))
  return {
    due: inRun.filter((c) => c.invitation !== 'pending'),
    pending: inRun.length - inRun.filter((c) => c.invitation !== 'pending').length,
  }
}

/** The mean share for nonResponse providerMean comes from the provider's own clients: no other provider is needed. */
export function clientQualityFee(
  component: ClientQualityComponent,
  index: number,
  figures: ProviderFigures,
  allClients: FeeClient[],
  scope: ClientScope,
): ComponentOutcome {
  const { due: clients, pending } = qualityDue(allClients, component.when, scope.period)
  const pendingNote =
    pending > 0 ? `; ${counted(pending, 'client')} pending (invitation still open): paid in a run after it closes` : ''
  const max = (client: FeeClient) =>
    pricedAmount(component.perClientMax, component.share, scope.prices, scope.providerId, client.serviceType).cents
  const scopeText = `up to ${amountScope(component.perClientMax, component.share)} per client by ${modeText(component.scoring)}${periodNote(component.when, scope)}${cannotSayNote(component.cannotSay)}`
  if (!atLeast(figures.responseRate ?? 0, component.minResponseRate)) {
    const reason = responseRateGateReason(figures.responseRate, component.minResponseRate)
    const lines = clients.map((client) => clientLine(client, index, 'quality', 0, reason))
    return outcomeOf(index, 'quality', lines, `${scopeText}; ${reason}: no quality fee${pendingNote}`)
  }
  const scored = clients.map((client) => {
    const qualityIndex = clientIndex(component.scoring, client, component.cannotSay)
    return qualityIndex === null ? null : clientShare(component.scoring, client, qualityIndex)
  })
  const mean = meanShare(scored.filter((s) => s !== null).map((s) => s.share))
  const useMean = component.nonResponse === 'providerMean'
  const lines = clients.map((client, i) => {
    const own = scored[i]
    if (own) return clientLine(client, index, 'quality', centsOf(max(client), own.share), own.reason)
    const missing = client.response === null ? 'no response' : 'too few scored items answered'
    return useMean
      ? clientLine(
          client,
          index,
          'quality',
          centsOf(max(client), mean),
          `${missing}: provider mean share ${shareText(mean)}`,
        )
      : clientLine(client, index, 'quality', 0, missing)
  })
  const nonResponse = useMean
    ? `clients without a scored response earn the provider mean share ${shareText(mean)}`
    : 'clients without a scored response earn 0'
  const respondents = scored.filter((s) => s !== null).length
  return outcomeOf(
    index,
    'quality',
    lines,
    `${scopeText}; ${respondents} of ${counted(clients.length, 'client')} with a scored response; ${nonResponse}${pendingNote}`,
    {
      respondents,
      clients: clients.length,
      meanShare: respondents > 0 ? shareValue(mean) : null,
      ...(pending > 0 ? { pending } : {}),
    },
  )
}
