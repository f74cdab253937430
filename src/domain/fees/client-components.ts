import type { BaseComponent, ClientQualityComponent, ClientScoring, ResultComponent } from '../fee-rule.ts'
import { toCents } from '../fee-rule.ts'
import type { ProviderFigures } from './facts.ts'
import { scoredIndex } from './facts.ts'
import type { Share } from './money.ts'
import {
  atLeast,
  centsOf,
  counted,
  FULL,
  formatCents,
  indexText,
  responseRateGateReason,
  shareText,
  shareValue,
  ZERO,
} from './money.ts'
import { clientLine, outcomeOf } from './outcome.ts'
import type { ComponentOutcome, FeeClient } from './types.ts'

export function baseFee(component: BaseComponent, index: number, clients: FeeClient[]): ComponentOutcome {
  const cents = toCents(component.perClient)
  const lines = clients.map((client) => clientLine(client, index, 'base', cents, 'base fee'))
  return outcomeOf(index, 'base', lines, `${formatCents(cents)} per client x ${counted(clients.length, 'client')}`)
}

function resultLine(component: ResultComponent, client: FeeClient): { cents: number; reason: string } {
  const { outcome, byRiskClass } = component
  if (!client.outcomeTypes.includes(outcome)) return { cents: 0, reason: `no ${outcome} recorded` }
  const perClient = toCents(component.perClient)
  if (!byRiskClass) return { cents: perClient, reason: `${outcome} recorded` }
  const riskClass = client.riskClass
  // hasOwn, so a class named like an Object.prototype member ("constructor") is not found by accident.
  if (riskClass !== null && Object.hasOwn(byRiskClass, riskClass)) {
    return { cents: toCents(byRiskClass[riskClass]), reason: `${outcome} recorded (risk class ${riskClass})` }
  }
  const why = riskClass === null ? 'no risk class' : `risk class ${riskClass} not in the rule`
  return { cents: perClient, reason: `${outcome} recorded (${why}: default amount)` }
}

function resultExplanation(component: ResultComponent, recorded: number, clients: number): string {
  const perClient = formatCents(toCents(component.perClient))
  const classes = component.byRiskClass
    ? Object.entries(component.byRiskClass).map(
        ([riskClass, amount]) => `risk class ${riskClass} ${formatCents(toCents(amount))}`,
      )
    : null
  const tiers = classes ? `${classes.join(', ')}, otherwise ${perClient}` : perClient
  return `${tiers} per client with a recorded ${component.outcome} (${recorded} of ${counted(clients, 'client')})`
}

export function resultFee(component: ResultComponent, index: number, clients: FeeClient[]): ComponentOutcome {
  const lines = clients.map((client) => {
    const { cents, reason } = resultLine(component, client)
    return clientLine(client, index, 'result', cents, reason)
  })
  const recorded = clients.filter((client) => client.outcomeTypes.includes(component.outcome)).length
  return outcomeOf(index, 'result', lines, resultExplanation(component, recorded, clients.length))
}

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
    case 'allTop':
      return client.response?.allTop
        ? { share: FULL, reason: 'every scored item at the top -> share 1' }
        : { share: ZERO, reason: 'not every scored item at the top -> share 0' }
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

const MODE_TEXT: Record<ClientScoring['mode'], string> = {
  linear: 'quality index / 100',
  allTop: 'all or nothing: every scored item at the top',
  steps: 'quality index steps',
}

/** One mode gives every client the same denominator, so the mean keeps it and the amount is still one rounding. */
function meanShare(shares: Share[]): Share {
  if (shares.length === 0) return ZERO
  return { num: shares.reduce((total, s) => total + s.num, 0), den: shares[0].den * shares.length }
}

/** The mean share for nonResponse providerMean comes from the provider's own clients: no other provider is needed. */
export function clientQualityFee(
  component: ClientQualityComponent,
  index: number,
  figures: ProviderFigures,
  clients: FeeClient[],
): ComponentOutcome {
  const cents = toCents(component.perClientMax)
  const scope = `up to ${formatCents(cents)} per client by ${MODE_TEXT[component.scoring.mode]}`
  if (!atLeast(figures.responseRate ?? 0, component.minResponseRate)) {
    const reason = responseRateGateReason(figures.responseRate, component.minResponseRate)
    const lines = clients.map((client) => clientLine(client, index, 'quality', 0, reason))
    return outcomeOf(index, 'quality', lines, `${scope}; ${reason}: no quality fee`)
  }
  const scored = clients.map((client) => {
    const qualityIndex = scoredIndex(client)
    return qualityIndex === null ? null : clientShare(component.scoring, client, qualityIndex)
  })
  const mean = meanShare(scored.filter((s) => s !== null).map((s) => s.share))
  const useMean = component.nonResponse === 'providerMean'
  const lines = clients.map((client, i) => {
    const own = scored[i]
    if (own) return clientLine(client, index, 'quality', centsOf(cents, own.share), own.reason)
    const missing = client.response === null ? 'no response' : 'too few scored items answered'
    return useMean
      ? clientLine(client, index, 'quality', centsOf(cents, mean), `${missing}: provider mean share ${shareText(mean)}`)
      : clientLine(client, index, 'quality', 0, missing)
  })
  const nonResponse = useMean
    ? `clients without a scored response earn the provider mean share ${shareText(mean)}`
    : 'clients without a scored response earn 0'
  return outcomeOf(
    index,
    'quality',
    lines,
    `${scope}; ${figures.responses} of ${counted(clients.length, 'client')} with a scored response; ${nonResponse}`,
    {
      respondents: figures.responses,
      clients: clients.length,
      meanShare: figures.responses > 0 ? shareValue(mean) : null,
    },
  )
}
