// The fee rule of a programme: how much each served client earns its provider. Amounts are in the programme
// currency with at most 2 decimals; quality indices are points on 0-100; shares and response rates are 0-1.
// src/schemas/fee-rule.ts parses client input into these types and holds the limits on them.

export type ScoringStep = { minIndex: number; share: number }

type LinearScoring = { mode: 'linear' }
/** items: the scored items that count (all the response's scored items when absent). */
type AllTopScoring = { mode: 'allTop'; items?: string[] }
/** Ordered by minIndex from highest to lowest; a share never grows as minIndex falls. */
type StepsScoring = { mode: 'steps'; steps: ScoringStep[] }
/** Client-basis steps may score only some items: the index is then the mean over those items. */
type ClientStepsScoring = StepsScoring & { items?: string[] }
/** threshold < benchmark */
type AchievementScoring = { mode: 'achievement'; threshold: number; benchmark: number }
/** Baseline period as YYYY-MM-DD dates, from <= to. */
type ValueBasedScoring = { mode: 'valueBased'; baseline: { from: string; to: string } }

export type ClientScoring = LinearScoring | AllTopScoring | ClientStepsScoring
export type ProviderScoring = LinearScoring | StepsScoring | AchievementScoring | ValueBasedScoring

/**
 * The run that pays a component for a client: the one whose period covers the episode's end (default), its
 * start, or (result components) its first qualifying outcome.
 */
export type When = 'start' | 'end' | 'outcome'

/** A money field is either an amount or a share of the rule's contract price for the client (never both). */
export type BaseComponent = { type: 'base'; when: 'start' | 'end'; perClient?: number; share?: number }

export type ResultComponent = {
  type: 'result'
  when: When
  /** Outcome(s) that earn the fee, e.g. recruitment, plan, placement; any one listed earns it once. */
  outcome: string | string[]
  perClient?: number
  share?: number
  /** Amount per client in each risk class, in place of perClient. */
  byRiskClass?: Record<string, number>
  /** The outcome must occur at most this many days after the episode's end. */
  withinDays?: number
  /** The outcome's value must be at least this. */
  minValue?: number
}

/**
 * How a quality component scores "cannot say" on a scored item: exclude leaves it out of the mean (as the
 * published scores do); lowest scores it as the bottom point, so steering clients to it cannot raise a fee.
 * Which responses count as scored (at least half of the items on the scale) is the same either way.
 */
export type CannotSayRule = 'exclude' | 'lowest'

export type ClientQualityComponent = {
  type: 'quality'
  basis: 'client'
  when: 'start' | 'end'
  perClientMax?: number
  share?: number
  scoring: ClientScoring
  nonResponse: 'zero' | 'providerMean'
  cannotSay: CannotSayRule
  minResponseRate: number
}

/**
 * The indices a provider-level fee may use: shrunk, raw, case-mix adjusted (domain/case-mix.ts), or the mean
 * change from intake to exit in index points (domain/change.ts; a negative mean pays nothing).
 */
export const FEE_INDICES = ['shrunk', 'raw', 'adjusted', 'change'] as const
export type FeeIndexKind = (typeof FEE_INDICES)[number]

/**
 * What a non-respondent (a closed invitation without a scored response) counts as in a provider index:
 * zero (the index is the sum over closed invitations / their number) or, when chosen, nothing
 * (respondentMean: the mean over respondents, which pays for suppressing unhappy answers).
 */
export const PROVIDER_NON_RESPONSE = ['zero', 'respondentMean'] as const
export type ProviderNonResponse = (typeof PROVIDER_NON_RESPONSE)[number]

/** Below minResponses scored responses: no quality fee (zero) or the rest of the programme's mean. */
export const FEW_RESPONSES = ['zero', 'programmeMean'] as const
export type FewResponses = (typeof FEW_RESPONSES)[number]

/** The default least number of scored responses a provider-level quality fee is paid on. */
export const DEFAULT_FEE_MIN_RESPONSES = 10

/** How a provider-level component turns a provider's answers into the index it pays on. */
export type ProviderIndexRule = {
  nonResponse: ProviderNonResponse
  minResponses: number
  fewResponses: FewResponses
  index: FeeIndexKind
  /** Fixed prior weight k of the shrunk index, in place of the Empirical Bayes estimate. */
  priorWeight?: number
}

export type ProviderQualityComponent = {
  type: 'quality'
  basis: 'provider'
  perClientMax?: number
  share?: number
  scoring: ProviderScoring
  cannotSay: CannotSayRule
  minResponseRate: number
} & ProviderIndexRule

export type QualityComponent = ClientQualityComponent | ProviderQualityComponent

/** The pool weighs the raw index on the chosen base (never shrunk: see docs/METHODS.md). */
export type QualityPoolComponent = {
  type: 'qualityPool'
  amount: number
  threshold: number
  minResponses: number
  minResponseRate: number
  nonResponse: ProviderNonResponse
}

/** Up to maxShareOfBase of the provider's base fees in the run, by a steering group's rating on a scale. */
export type PanelComponent = {
  type: 'panel'
  maxShareOfBase: number
  scale: { min: number; max: number }
  scoring: { mode: 'linear' }
}

/** A fixed amount per outcome recorded on the provider (not on an episode), e.g. a group event. */
export type LumpSumComponent = { type: 'lumpSum'; outcome: string | string[]; amount: number }

/**
 * A component's ledger key (issue 12): plain text, unique within a rule, default its position ("0", "1", ...).
 * Two rule versions' components with the same key and type are the same payment: the ledger pays it once.
 */
export type ComponentKey = { key?: string }

/** The key a component's lines are paid under in the fee ledger. */
export const componentKeyOf = (component: ComponentKey, index: number): string => component.key ?? String(index)

export type FeeComponent = (
  | BaseComponent
  | ResultComponent
  | QualityComponent
  | QualityPoolComponent
  | PanelComponent
  | LumpSumComponent
) &
  ComponentKey

/** Contract price per client: byProvider over byServiceType over default. */
export type Prices = {
  default?: number
  byProvider?: Record<string, number>
  byServiceType?: Record<string, number>
}

export type FeeRule = {
  currency: string
  prices?: Prices
  /** No client earns more than this across the rule's per-client components in one run. */
  capPerClient?: number
  components: FeeComponent[]
}

/** What a rule version stored before issue 13 meant: the mean over respondents, as measured, no minimum. */
const STORED_BEFORE_ISSUE_13: ProviderIndexRule = {
  nonResponse: 'respondentMean',
  minResponses: 0,
  fewResponses: 'zero',
  index: 'raw',
}

/**
 * A stored rule version as the engine reads it. Versions stored before issue 13 have no nonResponse on
 * provider-level quality or the pool; they keep the meaning they were approved with (a rerun pays what the
 * first run paid), and their statements then show the suppression sensitivity. A new version gets the new
 * defaults from the schema.
 */
export function storedFeeRule(stored: FeeRule): FeeRule {
  // The stored JSON may lack fields the type requires; a plain object check does not narrow them away.
  const old = (c: object) => !('nonResponse' in c)
  const components = stored.components.map((c): FeeComponent => {
    if (c.type === 'quality' && c.basis === 'provider' && old(c)) return { ...STORED_BEFORE_ISSUE_13, ...c }
    if (c.type === 'qualityPool' && old(c)) return { ...c, nonResponse: 'respondentMean' }
    return c
  })
  return { ...stored, components }
}

/** The outcome types a result or lumpSum component accepts. */
export function outcomeList(outcome: string | string[]): string[] {
  return typeof outcome === 'string' ? [outcome] : outcome
}

// A double that survives rounding to 2 decimals unchanged is the exact image of a 2-decimal literal.
export const hasAtMostTwoDecimals = (amount: number) => Number(amount.toFixed(2)) === amount

/** Integer cents; throws rather than silently rounding an amount the schema would have rejected. */
export function toCents(amount: number): number {
  if (!Number.isFinite(amount) || !hasAtMostTwoDecimals(amount)) {
    throw new RangeError(`amount ${amount} is not a money amount with at most 2 decimals`)
  }
  return Math.round(amount * 100)
}
