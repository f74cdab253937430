// The release rule: which answers provider keys and the public may have figures of.
//
// The atomic bucket is (provider, calendar month of the episode's end, customer type, survey version): every
// dimension a provider or public query can narrow by (period, customerType, its own provider) or that a figure
// is split by (item statistics per survey version). Within a bucket, completed responses are ordered by
// completion time (then id) and only the first floor(n / minGroup) * minGroup are released; explicit declines
// the same way by decline time. Every provider or public figure is computed over released answers only, so
// each is a sum over chunks of exactly minGroup answers that are always released together: no difference of
// two figures (periods, customer types, providers, before and after late answers) can rest on fewer than
// minGroup answers, and a bucket under minGroup releases nothing, so no complementary suppression is needed.
// Procurer keys see every response. The SQL is in db/scores.ts; docs/PRIVACY.md and docs/METHODS.md explain it.
import type { Audience } from './scores.ts'

/** The chunk size for an audience: minGroup for provider keys and the public, 1 (everything) for procurers. */
export function releaseGroup(audience: Audience, minGroup: number): number {
  return audience === 'procurer' ? 1 : Math.max(1, minGroup)
}

/** A comment as the comment list gets it, with the bucket it belongs to (never shown). */
export type BucketedComment = {
  month: string
  customerType: string
  responseId: string
  question: string
  text: string
}

/**
 * Comments for a provider key: only buckets (month, customer type) in which at least minGroup (released)
 * responses left a comment, without their bucket, in random order. `random` returns a number in [0, 1).
 */
export function commentsForProvider(
  comments: readonly BucketedComment[],
  minGroup: number,
  random: () => number,
): Array<{ question: string; text: string }> {
  const writers = new Map<string, Set<string>>()
  const key = (c: BucketedComment) => `${c.month}|${c.customerType}`
  for (const c of comments) {
    const set = writers.get(key(c)) ?? new Set<string>()
    set.add(c.responseId)
    writers.set(key(c), set)
  }
  const shown = comments
    .filter((c) => writers.get(key(c))!.size >= minGroup)
    .map(({ question, text }) => ({ question, text }))
  // Fisher-Yates: no order in time, text or bucket survives.
  for (let i = shown.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[shown[i], shown[j]] = [shown[j], shown[i]]
  }
  return shown
}
