import type { ScoredItem } from '../surveys/scored-items.ts'
import { STRAIGHT_LINE_MIN_ITEMS } from './integrity-flags.ts'
import { halfAnswered } from './response-rates.ts'

export type ItemAnswer = { item: string; position: number | null; points: number }

export type ResponseScore = {
  scoredTotal: number
  /** Scored items answered on the scale; "cannot say" does not count as answered. */
  scoredAnswered: number
  /** Mean item score 0..100, or null when fewer than half of the scored items are answered. */
  qualityIndex: number | null
  /**
   * Every scored item answered at its most positive point: the national "all five at the top" model and the
   * top-box share. "Cannot say" is never top, so a provider gains nothing by steering clients to it.
   */
  allTop: boolean
  /**
   * Four or more scored items answered, all at one position that is not the top of every one of them: a sign
   * of answering without reading. All-top responses are left out, so the best providers are not flagged.
   */
  straightLine: boolean
  /** One row per scored item that has an answer (position null for "cannot say"). */
  items: ItemAnswer[]
}

/**
 * Scores one response: an answer at the j-th of K ordered points scores (j-1)/(K-1)*100; "cannot say"
 * and unanswered items are left out.
 */
/** Answers to scored items that were "cannot say": every item row that is not on the scale. */
export const cannotSayAnswers = (score: Pick<ResponseScore, 'items' | 'scoredAnswered'>) =>
  score.items.length - score.scoredAnswered

export function scoreResponse(items: ScoredItem[], answers: Record<string, unknown>): ResponseScore {
  const rows: ItemAnswer[] = []
  let sum = 0
  let answered = 0
  let top = 0
  for (const item of items) {
    const value = answers[item.name]
    if (value === undefined) continue
    const points = item.values.length
    const index = typeof value === 'string' || typeof value === 'number' ? item.values.indexOf(value) : -1
    if (index === -1) {
      if (value === item.notApplicable) rows.push({ item: item.name, position: null, points })
      continue
    }
    rows.push({ item: item.name, position: index + 1, points })
    sum += (index / (points - 1)) * 100
    answered++
    if (index === points - 1) top++
  }
  const positions = new Set(rows.map((r) => r.position).filter((p) => p !== null))
  return {
    scoredTotal: items.length,
    scoredAnswered: answered,
    qualityIndex: items.length > 0 && halfAnswered(answered, items.length) ? sum / answered : null,
    allTop: items.length > 0 && top === items.length,
    straightLine: answered >= STRAIGHT_LINE_MIN_ITEMS && positions.size === 1 && top < answered,
    items: rows,
  }
}
