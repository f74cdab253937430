import type { Share } from './money.ts'
import { above, atLeast, indexText, roundHalfUp, ZERO } from './money.ts'
import type { BaselineProvider } from './types.ts'

/** Achievement threshold (AT) and benchmark (BM) from the providers' quality in the baseline period. */
export type ValueBasedReference = { achievementThreshold: number; benchmark: number }

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** AT = median provider Q; BM = mean Q of the top decile (ceil of 10 %, at least one provider). Null without data. */
export function valueBasedReference(baseline: BaselineProvider[]): ValueBasedReference | null {
  const qs = baseline
    .map((p) => p.q)
    .filter((q) => q !== null)
    .sort((a, b) => a - b)
  if (qs.length === 0) return null
  const top = qs.slice(qs.length - Math.ceil(qs.length / 10))
  return { achievementThreshold: median(qs), benchmark: top.reduce((sum, q) => sum + q, 0) / top.length }
}

export function achievementPoints(q: number, { achievementThreshold: at, benchmark: bm }: ValueBasedReference): number {
  if (!atLeast(q, at)) return 0
  if (atLeast(q, bm)) return 10
  return roundHalfUp((9 * (q - at)) / (bm - at) + 0.5)
}

export function improvementPoints(q: number, q0: number, benchmark: number): number {
  if (!above(q, q0) || atLeast(q0, benchmark)) return 0
  if (atLeast(q, benchmark)) return 9
  return roundHalfUp((10 * (q - q0)) / (benchmark - q0) - 0.5)
}

export type ValueBasedScore = { share: Share; explanation: string; details: Record<string, number | string | null> }

/** label: how q came about ("quality index 86.0 (...)"), or with q null why there is none. */
export function valueBasedScore(
  q: number | null,
  own: BaselineProvider | undefined,
  reference: ValueBasedReference | null,
  label = q === null ? 'no scored responses' : `quality index ${indexText(q)}`,
): ValueBasedScore {
  const q0 = own?.q ?? null
  const details: Record<string, number | string | null> = {
    qualityIndex: q,
    achievementThreshold: reference?.achievementThreshold ?? null,
    benchmark: reference?.benchmark ?? null,
    baselineIndex: q0,
    baselineResponses: own?.n ?? null,
    achievementPoints: null,
    improvementPoints: null,
  }
  if (reference === null) {
    return { share: ZERO, explanation: 'no provider quality index in the baseline period -> factor 0', details }
  }
  const { achievementThreshold: at, benchmark: bm } = reference
  const against = `achievement threshold ${indexText(at)}, benchmark ${indexText(bm)}`
  if (q === null) return { share: ZERO, explanation: `${label} (${against}) -> factor 0`, details }
  const achievement = achievementPoints(q, reference)
  const improvement = q0 === null ? null : improvementPoints(q, q0, bm)
  const points = Math.max(achievement, improvement ?? 0)
  const improvementText =
    q0 === null
      ? 'no own baseline: achievement only'
      : `improvement on baseline ${indexText(q0)}: ${improvement} points`
  return {
    share: { num: points, den: 10 },
    explanation: `${label} against ${against}: achievement ${achievement} points; ${improvementText} -> factor ${points / 10}`,
    details: { ...details, achievementPoints: achievement, improvementPoints: improvement },
  }
}
