// The fee rule of a programme: how much each served client earns its provider. Amounts are in the programme
// currency with at most 2 decimals; quality indices are points on 0-100; shares and response rates are 0-1.
// src/schemas/fee-rule.ts parses client input into these types and holds the limits on them.

export type ScoringStep = { minIndex: number; share: number }

type LinearScoring = { mode: 'linear' }
type AllTopScoring = { mode: 'allTop' }
/** Ordered by minIndex from highest to lowest; a share never grows as minIndex falls. */
type StepsScoring = { mode: 'steps'; steps: ScoringStep[] }
/** threshold < benchmark */
type AchievementScoring = { mode: 'achievement'; threshold: number; benchmark: number }
/** Baseline period as YYYY-MM-DD dates, from <= to. */
type ValueBasedScoring = { mode: 'valueBased'; baseline: { from: string; to: string } }

export type ClientScoring = LinearScoring | AllTopScoring | StepsScoring
export type ProviderScoring = LinearScoring | StepsScoring | AchievementScoring | ValueBasedScoring

export type BaseComponent = { type: 'base'; perClient: number }

export type ResultComponent = {
  type: 'result'
  /** Outcome that earns the fee, e.g. recruitment, plan, placement. */
  outcome: string
  perClient: number
  /** Amount per client in each risk class, in place of perClient. */
  byRiskClass?: Record<string, number>
}

export type ClientQualityComponent = {
  type: 'quality'
  basis: 'client'
  perClientMax: number
  scoring: ClientScoring
  nonResponse: 'zero' | 'providerMean'
  minResponseRate: number
}

export type ProviderQualityComponent = {
  type: 'quality'
  basis: 'provider'
  perClientMax: number
  scoring: ProviderScoring
  minResponseRate: number
}

export type QualityComponent = ClientQualityComponent | ProviderQualityComponent

export type QualityPoolComponent = {
  type: 'qualityPool'
  amount: number
  threshold: number
  minResponses: number
  minResponseRate: number
}

/**
 * A component's ledger key (issue 12): plain text, unique within a rule, default its position ("0", "1", ...).
 * Two rule versions' components with the same key and type are the same payment: the ledger pays it once.
 */
export type ComponentKey = { key?: string }

export type FeeComponent = (BaseComponent | ResultComponent | QualityComponent | QualityPoolComponent) & ComponentKey

/** The key a component's lines are paid under in the fee ledger. */
export const componentKeyOf = (component: ComponentKey, index: number): string => component.key ?? String(index)

export type FeeRule = { currency: string; components: FeeComponent[] }

// A double that survives rounding to 2 decimals unchanged is the exact image of a 2-decimal literal.
export const hasAtMostTwoDecimals = (amount: number) => Number(amount.toFixed(2)) === amount

/** Integer cents; throws rather than silently rounding an amount the schema would have rejected. */
export function toCents(amount: number): number {
  if (!Number.isFinite(amount) || !hasAtMostTwoDecimals(amount)) {
    throw new RangeError(`amount ${amount} is not a money amount with at most 2 decimals`)
  }
  return Math.round(amount * 100)
}
