export type FeeResponse = {
  /** null when too few scored items were answered: counts as no scored response. */
  qualityIndex: number | null
  /** Every scored item answered at its most positive point. */
  allTop: boolean
}

export type FeeClient = {
  episodeId: string
  externalRef: string
  riskClass: string | null
  /** Types of the outcomes recorded for the episode. */
  outcomeTypes: string[]
  /** The completed response, or null when there is none. */
  response: FeeResponse | null
}

export type FeeProvider = {
  providerId: string
  name: string
  /** Episodes of the provider ending in the run's period. */
  clients: FeeClient[]
  /** Invitations sent and completed for those episodes; the response rate is completed / invited. */
  invited: number
  completed: number
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
}

export type BaselineProvider = { providerId: string; q: number | null; n: number }

export type FeeInputs = {
  currency: string
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
}

export type ComponentResult = {
  index: number
  type: string
  amountCents: number
  explanation: string
  details?: Record<string, number | string | null>
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
  lines: FeeLine[]
}

export type Statement = {
  currency: string
  providers: ProviderStatement[]
  /** Pool money no provider qualified for. */
  unallocatedCents: number
  /** Sum of the provider totals; unallocated pool money is not included. */
  totalCents: number
}

/** What one component pays one provider. */
export type ComponentOutcome = { result: ComponentResult; lines: FeeLine[] }
