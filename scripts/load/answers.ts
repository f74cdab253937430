// Answers to cx-company v1 as a respondent gives them: the five scored items on a 1..4 scale or
// "cannot say", whether they would use the service again, and now and then free text. Every value is
// in its canonical form (numbers for the scale, trimmed text, no answers to hidden questions), so the
// Worker stores exactly what was sent and a comparison can be exact.
import { seeded } from '../../test/seeded-random.ts'

export type Answers = Record<string, string | number>

export const SCORED = [
  'need_clarity',
  'employer_obligations',
  'recruitment_plan',
  'candidate_channels',
  'recruitment_decision',
] as const
const SCALE: Array<number | string> = [1, 2, 3, 4, 'dontknow']
const USE_AGAIN = ['same_provider', 'other_provider', 'no_service']
const COMMENTS = [
  'Hyvä ja selkeä palvelu.',
  'Bra service, tack!',
  'Candidates arrived late — but “good” ones.',
  'Rekrytointi onnistui ✓',
  'Ok',
]

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]

/** The final, complete answers of respondent `i`. */
export function finalAnswers(i: number): Answers {
  const r = seeded(1_000_003 * (i + 1))
  const a: Answers = {}
  for (const item of SCORED) a[item] = pick(r, SCALE)
  a.use_again = pick(r, USE_AGAIN)
  // missing_from_service is visible only for other_provider / no_service; never answer it otherwise.
  if (a.use_again !== 'same_provider' && r() < 0.6) a.missing_from_service = `Lisää ehdokkaita #${i}`
  if (r() < 0.3) a.comment = `${pick(r, COMMENTS)} (${i})`
  return a
}

/**
 * The progress saves before completing: answers grow page by page, and the respondent changes an
 * earlier answer now and then, so a stale save would be visible in the stored answers.
 */
export function progressSaves(i: number, count: number): Answers[] {
  const final = finalAnswers(i)
  const keys = Object.keys(final)
  const r = seeded(7_000_001 * (i + 1))
  const saves: Answers[] = []
  for (let k = 1; k <= count; k++) {
    const n = Math.max(1, Math.ceil((k * keys.length) / count))
    const a: Answers = {}
    for (const key of keys.slice(0, n)) a[key] = final[key]
    // Before the last save, one scored answer may still be different from the final one.
    if (k < count && r() < 0.4) a[SCORED[Math.floor(r() * Math.min(n, SCORED.length))]] = pick(r, SCALE)
    saves.push(a)
  }
  return saves
}

/** A different, valid answer set: what a late or conflicting request would try to store. */
export function otherAnswers(a: Answers): Answers {
  const b: Answers = { ...a }
  b.need_clarity = a.need_clarity === 1 ? 2 : 1
  return b
}

/** Equality regardless of key order. */
export function sameAnswers(a: unknown, b: unknown): boolean {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  const canon = (x: Record<string, unknown>) =>
    JSON.stringify(
      Object.keys(x)
        .sort()
        .map((k) => [k, x[k]]),
    )
  return canon(a as Record<string, unknown>) === canon(b as Record<string, unknown>)
}
