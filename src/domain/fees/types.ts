import type { DateRange } from '../periods.ts'
import type { ProviderIndexSums } from '../quality-stats.ts'
import type { FeeConfidence } from './confidence.ts'
import type { SuppressionSensitivity } from './suppression.ts'

/** One scored item of a response: its 1-based position on a scale of `points` points; null is "cannot say". */
export type ItemAnswer = { position: number | null; points: number }

export type FeeResponse = {
  /** null when too few scored items were answered: counts as no scored response. */
  qualityIndex: number | null
  /** Every scored item answered at its most positive point. */
  allTop: boolean
  /** The scored items by name, for scoring modes that count only some items. */
  items?: Record<string, ItemAnswer>
}

/** An outcome recorded on an episode (or, for lumpSum, on a provider). */
export type FeeOutcome = { type: string; occurredOn: string; value: number | null }

export type FeeClient = {
  episodeId: string
  externalRef: string
  riskClass: string | null
  serviceType: string | null
  /** YYYY-MM-DD */
  startedOn: string
  endedOn: string
  /** The outcomes recorded for the episode. */
  outcomes: FeeOutcome[]
  /** The completed response, or null when there is none. */
  response: FeeResponse | null
  /**
   * pending: the invitation is open and unexpired when the run is computed, so its quality components wait
   * for a run after it closes. Absent means closed (or no invitation).
   */
  invitation?: 'pending' | 'closed'
}

/** A steering group's rating of a provider for a whole month, quarter or year (the latest version). */
export type PanelRating = { period: string; rating: number; reason: string; version: number }

export type FeeProvider = {
  providerId: string
  name: string
  /**
   * Episodes of the provider that some component may pay in the run: ending in the period (they alone count in
   * the provider's figures), and starting or with an outcome in it.
   */
  clients: FeeClient[]
  /** Invitations sent and completed for the clients ending in the period; the response rate is completed / invited. */
  invited: number
  completed: number
  /** Outcomes recorded on the provider itself (lumpSum). */
  outcomes?: FeeOutcome[]
  /** Panel ratings of the provider (panel). */
  panelRatings?: PanelRating[]
}

/** Provider-level facts from one SQL aggregate over all providers in the run's period. */
export type ProviderSummary = {
  providerId: string
  name: string
  /** Episodes ending in the period. */
  clients: number
  invited: number
  completed: number
  /** Clients whose completed response has a non-null quality index. */
  responses: number
  /** Sum of those indices. */
  qualitySum: number
  /** Sum of their squares (the Empirical Bayes prior weight and the fee confidence need the within-provider variance). */
  qualitySumOfSquares: number
  /**
   * The provider's case-mix adjustment (domain/case-mix.ts), present only when a rule pays by the adjusted
   * index and the model could be fitted.
   */
  caseMixAdjustment?: number
  /**
   * The clients with an index in both the intake and the exit wave, and the sums of their changes (exit index -
   * intake index), present only when a rule pays by the change (domain/change.ts).
   */
  change?: ProviderIndexSums
}

export type BaselineProvider = { providerId: string; q: number | null; n: number }

export type FeeInputs = {
  currency: string
  /** The run's period; without it every loaded client is due for every component (the caller selected them). */
  period?: DateRange
  providers: FeeProvider[]
  /** Provider quality indices in the baseline period of a valueBased component. */
  baseline?: { providers: BaselineProvider[] }
}

export type FeeLine = {
  episodeId: string | null
  externalRef: string | null
  /** Index of the component in rule.components. */
  component: number
  type: string
  amountCents: number
  reason: string
  /** Provider-level lines whose amount depends on a threshold of the index (fees/confidence.ts). */
  confidence?: FeeConfidence
}

export type ComponentResult = {
  index: number
  type: string
  amountCents: number
  explanation: string
  details?: Record<string, number | string | null>
  /**
   * Only under an option that fills non-respondents from the respondents: what the component would pay more
   * had the provider's lowest 10 % of scored answers been non-responses (suppression.ts).
   */
  suppression?: SuppressionSensitivity
}

export type ProviderStatement = {
  providerId: string
  name: string
  clients: number
  /** Clients with a scored response (non-null quality index). */
  responses: number
  responseRate: number | null
  qualityIndex: number | null
  components: ComponentResult[]
  totalCents: number
  /** The total expected under the uncertainty of the index: each line's expected amount where it has one. */
  expectedTotalCents: number
  lines: FeeLine[]
}

export type Statement = {
  currency: string
  providers: ProviderStatement[]
  /** Pool money no provider qualified for. */
  unallocatedCents: number
  /** Sum of the provider totals; unallocated pool money is not included. */
  totalCents: number
  /** Sum of the provider expected totals. */
  expectedTotalCents: number
  /** Present when the run had a budget. */
  budget?: BudgetSummary
}

/** How a budget scaled the run: base fees stay, everything else is scaled to the budget left over. */
export type BudgetSummary = {
  budgetCents: number
  baseCents: number
  /** The other components before scaling. */
  unscaledCents: number
  /** ... and after: min(unscaled, budget - base). */
  scaledCents: number
  /** scaled / unscaled (1 when nothing was scaled). */
  factor: number
}

/** What one component pays one provider. */
export type ComponentOutcome = { result: ComponentResult; lines: FeeLine[] }
