// Signs that a provider's answers may not be its customers' own: each flag is a prompt to look, with
// the numbers behind it, never a verdict. The thresholds live here; the SQL that counts uses the
// exported window constants so both sides mean the same thing.

import type { IntegrityCounts as ProviderIntegrityCounts } from './diagnostics-facts.ts'

/** A response rate below this share of the programme's median provider rate is flagged. */
export const LOW_RATE_FACTOR = 0.5
/** Completions at most this many minutes after the episode was registered count as "soon". */
export const SOON_AFTER_REGISTRATION_MINUTES = 10
export const SOON_AFTER_REGISTRATION_SHARE = 0.5
/** Faster than this many seconds per scored item (start or opening to completion) is not reading. */
export const MIN_SECONDS_PER_ITEM = 2
export const TOO_FAST_SHARE = 0.3
/**
 * A completed response straight-lines when at least this many scored items all sit at one position that is not
 * the top of every one of them (all-top responses are the best answers, not a sign of not reading).
 */
export const STRAIGHT_LINE_MIN_ITEMS = 4
export const STRAIGHT_LINE_SHARE = 0.5
export const ONE_NETWORK_SHARE = 0.5
/** Re-issued links above this share of the provider's invitations: someone may be collecting its clients' links. */
export const REISSUE_SHARE = 0.1
/**
 * "Cannot say" on scored items above this many times the programme's median provider share, and above the
 * floor, is flagged: "cannot say" is left out of the index, so steering clients to it can raise a score.
 */
export const CANNOT_SAY_FACTOR = 2
export const CANNOT_SAY_MIN_SHARE = 0.1
/** Share flags need at least this many completions; fewer say nothing. */
export const MIN_COMPLETIONS = 5

export type IntegrityFlagName =
  | 'low_response_rate'
  | 'soon_after_registration'
  | 'too_fast'
  | 'straight_lining'
  | 'one_network'
  | 'frequent_reissue'
  | 'cannot_say'

export type IntegrityFlag = { flag: IntegrityFlagName; evidence: Record<string, number> }

/** A provider's counts (see diagnostics-facts.ts) with its response rate and the programme's medians. */
export type IntegrityCounts = Omit<ProviderIntegrityCounts, 'providerId'> & {
  responseRate: number | null
  programmeMedianRate: number | null
  /** The median over providers of the "cannot say" share of scored-item answers; null when none answered. */
  programmeMedianCannotSayShare: number | null
}

export function lowResponseRate(rate: number | null, programmeMedianRate: number | null): IntegrityFlag | null {
  if (rate === null || programmeMedianRate === null) return null
  const threshold = LOW_RATE_FACTOR * programmeMedianRate
  return rate < threshold ? { flag: 'low_response_rate', evidence: { rate, programmeMedianRate, threshold } } : null
}

/** The share flags: count / completions above the limit, with enough completions to mean anything. */
function shareFlag(flag: IntegrityFlagName, count: number, completions: number, limit: number): IntegrityFlag | null {
  if (completions < MIN_COMPLETIONS) return null
  const share = count / completions
  return share > limit ? { flag, evidence: { count, completions, share, limit } } : null
}

export function soonAfterRegistration(c: IntegrityCounts): IntegrityFlag | null {
  return shareFlag(
    'soon_after_registration',
    c.completedSoonAfterRegistration,
    c.completions,
    SOON_AFTER_REGISTRATION_SHARE,
  )
}

export function tooFast(c: IntegrityCounts): IntegrityFlag | null {
  return shareFlag('too_fast', c.completedTooFast, c.completions, TOO_FAST_SHARE)
}

export function straightLining(c: IntegrityCounts): IntegrityFlag | null {
  return shareFlag('straight_lining', c.straightLined, c.completions, STRAIGHT_LINE_SHARE)
}

export function oneNetwork(c: IntegrityCounts): IntegrityFlag | null {
  return shareFlag('one_network', c.majorityNetworkGroup, c.completions, ONE_NETWORK_SHARE)
}

export function frequentReissue(c: IntegrityCounts): IntegrityFlag | null {
  if (c.invited < MIN_COMPLETIONS) return null
  const share = c.reissued / c.invited
  return share > REISSUE_SHARE
    ? { flag: 'frequent_reissue', evidence: { count: c.reissued, invited: c.invited, share, limit: REISSUE_SHARE } }
    : null
}

export function cannotSay(c: IntegrityCounts): IntegrityFlag | null {
  const median = c.programmeMedianCannotSayShare
  if (c.completions < MIN_COMPLETIONS || c.itemAnswers === 0 || median === null) return null
  const share = c.cannotSay / c.itemAnswers
  const limit = Math.max(CANNOT_SAY_FACTOR * median, CANNOT_SAY_MIN_SHARE)
  return share > limit
    ? {
        flag: 'cannot_say',
        evidence: { count: c.cannotSay, itemAnswers: c.itemAnswers, share, programmeMedianShare: median, limit },
      }
    : null
}

/** Every flag that is raised, in a fixed order. */
export function integrityFlags(c: IntegrityCounts): IntegrityFlag[] {
  return [
    lowResponseRate(c.responseRate, c.programmeMedianRate),
    soonAfterRegistration(c),
    tooFast(c),
    straightLining(c),
    oneNetwork(c),
    frequentReissue(c),
    cannotSay(c),
  ].filter((f) => f !== null)
}
