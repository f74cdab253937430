// Per-item figures for the item breakdown and the scale's internal consistency, from SQL counts and sums.
import { sampleVarianceFromSums } from './quality-stats.ts'

/** One item of one survey version: `GROUP BY position` over response_items of completed responses. */
export type ItemAnswerCounts = {
  item: string
  points: number
  /** position 1..points, or null for "cannot say". */
  positions: ReadonlyArray<{ position: number | null; count: number }>
  /** Completed responses to the survey version, answered or not. */
  completed: number
}

export type ItemDistribution = {
  item: string
  points: number
  /** counts[j - 1] answers at position j. */
  counts: number[]
  answered: number
  cannotSay: number
  /** Completed responses without any answer to the item. */
  missing: number
  cannotSayShare: number | null
  nonResponseShare: number | null
}

export function itemDistribution(input: ItemAnswerCounts): ItemDistribution {
  const counts = new Array<number>(input.points).fill(0)
  let cannotSay = 0
  for (const { position, count } of input.positions) {
    if (position === null) {
      cannotSay += count
      continue
    }
    // A position off the scale means answers of different survey versions were mixed.
    if (!Number.isInteger(position) || position < 1 || position > input.points) {
      throw new RangeError(`${input.item}: position ${position} is not on a ${input.points}-point scale`)
    }
    counts[position - 1] += count
  }
  const answered = counts.reduce((a, b) => a + b, 0)
  const missing = input.completed - answered - cannotSay
  if (missing < 0) throw new RangeError(`${input.item}: more answers than completed responses`)
  const share = (count: number) => (input.completed === 0 ? null : count / input.completed)
  return {
    item: input.item,
    points: input.points,
    counts,
    answered,
    cannotSay,
    missing,
    cannotSayShare: share(cannotSay),
    nonResponseShare: share(missing),
  }
}

/**
 * Sums over the complete cases of one scale (responses answering every scored item on it), each item
 * in one unit for all items (e.g. its 0..100 item score); total = the sum of a response's items.
 */
export type AlphaSums = {
  n: number
  itemSums: readonly number[]
  itemSumSquares: readonly number[]
  totalSum: number
  totalSumSquares: number
}

/**
 * Cronbach's alpha = K/(K-1) * (1 - sum of item variances / variance of the total); null when n < 2,
 * K < 2 or the total does not vary.
 */
export function cronbachAlphaFromSums(s: AlphaSums): number | null {
  const k = s.itemSums.length
  if (s.itemSumSquares.length !== k) throw new RangeError('itemSums and itemSumSquares differ in length')
  if (s.n < 2 || k < 2) return null
  const totalVariance = sampleVarianceFromSums(s.n, s.totalSum, s.totalSumSquares)
  if (totalVariance === null || totalVariance === 0) return null
  let itemVariances = 0
  for (let i = 0; i < k; i++) itemVariances += sampleVarianceFromSums(s.n, s.itemSums[i], s.itemSumSquares[i]) ?? 0
  return (k / (k - 1)) * (1 - itemVariances / totalVariance)
}
