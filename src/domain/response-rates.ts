// Invitation outcomes and AAPOR response rates. Every invitation is personal, so every invitee is a known
// eligible case and the rates need no estimate of eligibility.

/** AAPOR codes: complete, partial, refusal or break-off, other, no contact. */
export type InvitationOutcome = 'I' | 'P' | 'R' | 'O' | 'NC'

export type InvitationFacts = {
  status: 'open' | 'completed' | 'declined'
  /** The link was opened (opened_at set). */
  opened: boolean
  /** Any question answered, scored or not. */
  answeredAny: boolean
  /** Scored items answered on the scale ("cannot say" does not count). */
  scoredAnswered: number
  scoredTotal: number
}

/** At least half of the scored items answered on the scale (or none to answer): enough for a quality index. */
export function halfAnswered(scoredAnswered: number, scoredTotal: number): boolean {
  return scoredAnswered * 2 >= scoredTotal
}

/**
 * Puts an invitation in exactly one outcome, after AAPOR's Standard Definitions (10th edition, 2023), codes
 * for Internet surveys of specifically named persons. A completion needs at least half of the scored items
 * answered on the scale (as a quality index does): a "completed" response with fewer is a break-off, R,
 * never I. Not completed with at least half answered is a partial, P. An explicit decline is a refusal even
 * after answers: the customer's own word wins. Logging on (opening the link) without answering is an
 * implicit refusal, R, as is answering less than half. Nothing is coded O: AAPOR's other eligible
 * non-interviews need facts Laatu does not have. An invitation still inside its answering window is
 * classified by what has happened so far, so rates hold as of the moment they are computed.
 */
export function classifyInvitation(facts: InvitationFacts): InvitationOutcome {
  const enough = facts.scoredTotal === 0 || halfAnswered(facts.scoredAnswered, facts.scoredTotal)
  if (facts.status === 'completed') return enough ? 'I' : 'R'
  if (facts.status === 'declined') return 'R'
  if (facts.scoredTotal > 0 && enough) return 'P'
  if (facts.answeredAny || facts.scoredAnswered > 0 || facts.opened) return 'R'
  return 'NC'
}

export type OutcomeCounts = Record<InvitationOutcome, number>

export function tallyOutcomes(outcomes: Iterable<InvitationOutcome>): OutcomeCounts {
  const counts: OutcomeCounts = { I: 0, P: 0, R: 0, O: 0, NC: 0 }
  for (const outcome of outcomes) counts[outcome]++
  return counts
}

export type ResponseRates = {
  invited: number
  /** I / all */
  rr1: number | null
  /** (I + P) / all */
  rr2: number | null
  /** I / (I + P + R + O): completes among those reached */
  coop1: number | null
  /** R / all */
  ref1: number | null
  /** (I + P + R + O) / all: share reached */
  con1: number | null
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator)

export function aaporRates(c: OutcomeCounts): ResponseRates {
  const contacted = c.I + c.P + c.R + c.O
  const invited = contacted + c.NC
  return {
    invited,
    rr1: ratio(c.I, invited),
    rr2: ratio(c.I + c.P, invited),
    coop1: ratio(c.I, contacted),
    ref1: ratio(c.R, invited),
    con1: ratio(contacted, invited),
  }
}

/** Median; the mean of the two middle values for an even count, null for none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** The median of a histogram ({ value, count } rows, as SQL's GROUP BY gives), without expanding it. */
export function medianOfCounts(rows: ReadonlyArray<{ value: number; count: number }>): number | null {
  const sorted = [...rows].filter((r) => r.count > 0).sort((a, b) => a.value - b.value)
  const total = sorted.reduce((s, r) => s + r.count, 0)
  if (total === 0) return null
  // the k-th smallest value, 0-based
  const at = (k: number) => {
    let seen = 0
    for (const r of sorted) {
      seen += r.count
      if (k < seen) return r.value
    }
    return sorted[sorted.length - 1].value
  }
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2
}
