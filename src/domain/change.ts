// Change from intake to exit (issue 15): a client answers the same scored items when the service starts
// (intake wave) and after it (exit wave); the client's change is the exit index minus the intake index, and a
// provider's figure is the mean change with its paired t-interval (docs/METHODS.md, "Change from intake to exit").
// Everything takes SQL aggregates, as quality-stats.ts does.
import type { Publication } from '../schemas/programmes.ts'
import { sampleVarianceFromSums, tQuantile975 } from './quality-stats.ts'
import type { Audience } from './scores.ts'

/**
 * A client's change in index points (-100..100): exit minus intake, or null unless both responses have an index
 * (at least half of their scored items answered on the scale, the halfAnswered rule of every index).
 */
export function clientChange(exitIndex: number | null, intakeIndex: number | null): number | null {
  return exitIndex === null || intakeIndex === null ? null : exitIndex - intakeIndex
}

/** Per provider: the clients with an index in both waves, and the sum and sum of squares of their changes. */
export type ChangeSums = { providerId: string; n: number; sum: number; sumOfSquares: number }

/**
 * Per provider and scored item, over the clients of ChangeSums who answered the item on the scale in both waves:
 * how many did (n), and how many answered it at least one point higher at exit than at intake (up).
 */
export type ItemUpCount = { providerId: string; item: string; n: number; up: number }

export type Change = {
  /** Clients with an index in both waves. */
  n: number
  /** Mean change in index points; null without clients or where the audience may not see it. */
  mean: number | null
  /** Paired 95 % t-interval of the mean change, within -100..100; null below two clients or where hidden. */
  ci95: [number, number] | null
  /** Per item: the share of clients who moved up at least one point; null where hidden. */
  itemsUp: Record<string, number> | null
}

/**
 * The paired t-interval: the changes d_i are one sample, so mean(d) -/+ t_{n-1, 0.975} x sd(d) / sqrt(n)
 * (Student 1908; e.g. Altman, Practical Statistics for Medical Research, 1991, section 9.5).
 */
export function pairedInterval(n: number, sum: number, sumOfSquares: number): [number, number] | null {
  const variance = sampleVarianceFromSums(n, sum, sumOfSquares)
  if (variance === null) return null
  const mean = sum / n
  const half = (tQuantile975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n)
  return [Math.max(-100, mean - half), Math.min(100, mean + half)]
}

/** A provider's change from its sums and item counts, every figure shown. */
export function providerChange(sums: Omit<ChangeSums, 'providerId'>, items: readonly ItemUpCount[]): Change {
  const { n, sum, sumOfSquares } = sums
  return {
    n,
    mean: n === 0 ? null : sum / n,
    ci95: pairedInterval(n, sum, sumOfSquares),
    itemsUp: Object.fromEntries(
      items
        .filter((i) => i.n > 0)
        .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
        .map((i) => [i.item, i.up / i.n]),
    ),
  }
}

/**
 * Every provider's change as an audience may see it. The procurer sees every figure. Provider keys and the public
 * see the count, and the figures only where the provider's own index is shown (visible) and at least minGroup
 * clients have both waves, as for every other figure. Null for every provider when the programme has no intake
 * wave and no client answered one (intakeOn false and no pairs).
 */
export function changeByProvider(
  providerIds: readonly string[],
  sums: readonly ChangeSums[],
  items: readonly ItemUpCount[],
  options: { intakeOn: boolean; audience: Audience; publication: Pick<Publication, 'minGroup'> },
  visible: (providerId: string) => boolean,
): Map<string, Change | null> {
  const bySums = new Map(sums.map((s) => [s.providerId, s]))
  const none = !options.intakeOn && sums.every((s) => s.n === 0)
  return new Map(
    providerIds.map((id): [string, Change | null] => {
      if (none) return [id, null]
      const own = bySums.get(id) ?? { n: 0, sum: 0, sumOfSquares: 0 }
      const change = providerChange(
        own,
        items.filter((i) => i.providerId === id),
      )
      const show = options.audience === 'procurer' || (visible(id) && own.n >= options.publication.minGroup)
      return [id, show ? change : { n: change.n, mean: null, ci95: null, itemsUp: null }]
    }),
  )
}

export type IntakeRate = { providerId: string; invited: number; completed: number; rate: number | null }

/**
 * Intake response rates per provider: counted completions (not break-offs) of the intake invitations. Provider
 * keys and the public get the completions rounded down to whole groups of minGroup, as the release rule counts
 * exit answers, so a count never tells whether one more client answered.
 */
export function intakeRates(
  providerIds: readonly string[],
  counts: ReadonlyArray<{ providerId: string; invited: number; completed: number }>,
  audience: Audience,
  minGroup: number,
): IntakeRate[] {
  const byProvider = new Map(counts.map((c) => [c.providerId, c]))
  return providerIds.map((providerId) => {
    const { invited, completed } = byProvider.get(providerId) ?? { invited: 0, completed: 0 }
    const shown = audience === 'procurer' ? completed : completed - (completed % minGroup)
    return { providerId, invited, completed: shown, rate: invited === 0 ? null : shown / invited }
  })
}
