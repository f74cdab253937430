// What the diagnostics are computed from: counts and sums per provider, as the data layer aggregates them.

/** Invitations of one provider that share the facts deciding their AAPOR outcome, with their count. */
export type OutcomeFacts = {
  providerId: string
  status: 'open' | 'completed' | 'declined'
  opened: number
  answeredAny: number
  scoredAnswered: number
  scoredTotal: number
  count: number
}

/** Invitations and completions of one provider in one respondent-background cell. */
export type ResponseCell = {
  providerId: string
  customerType: string
  serviceType: string | null
  riskClass: string | null
  language: string
  invited: number
  responded: number
}

/** Completions of one provider and how many of them trip each integrity check. */
export type IntegrityCounts = {
  providerId: string
  completions: number
  /** completed_at - episode created_at <= SOON_AFTER_REGISTRATION_MINUTES */
  completedSoonAfterRegistration: number
  /** completed_at - COALESCE(started_at, opened_at) < MIN_SECONDS_PER_ITEM * scored_total seconds */
  completedTooFast: number
  /** At least STRAIGHT_LINE_MIN_ITEMS scored items answered, all at one position, not all at the top. */
  straightLined: number
  /**
   * Completions in the group sharing one non-null network hash when that group holds more than half of the
   * completions (the only case the one_network flag shows it), else 0.
   */
  majorityNetworkGroup: number
  /** The provider's invitations in the period, and how many times their links were re-issued. */
  invited: number
  reissued: number
  /** Answers to scored items over the completions (on the scale or "cannot say"), and the "cannot say" ones. */
  itemAnswers: number
  cannotSay: number
}

/** How many completed responses of one provider and survey version gave an item one scale position. */
export type ItemCount = {
  providerId: string
  surveyId: string
  surveyVersion: number
  item: string
  points: number
  position: number | null
  count: number
}

/** Per provider and survey version: completions, and the complete cases' index sums for Cronbach's alpha. */
export type VersionSums = {
  providerId: string
  surveyId: string
  surveyVersion: number
  completed: number
  completeCases: number
  indexSum: number
  indexSumOfSquares: number
  scoredTotal: number
}

/** Per provider, survey version and item: sums of the item's 0-100 scores over the complete cases. */
export type ItemSums = {
  providerId: string
  surveyId: string
  surveyVersion: number
  item: string
  sum: number
  sumOfSquares: number
}

/** The invitation funnel of one week of service end (weeks start on Monday). */
export type FunnelWeek = {
  weekStart: string
  invited: number
  opened: number
  started: number
  completed: number
  declined: number
}

/** Invitations, completions and declines of one provider in one calendar month of episode end. */
export type MonthCounts = { providerId: string; month: string; invited: number; completed: number; declined: number }
