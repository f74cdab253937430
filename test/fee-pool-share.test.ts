// qualityPoolShare gives the suppression sensitivity one provider's pool share without every provider's line
// (issue 16); on random programmes it must be the amount qualityPool gives that provider over the summaries with
// its own changed, to the cent.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { QualityPoolComponent } from '../src/domain/fee-rule.ts'
import { qualityPool, qualityPoolShare } from '../src/domain/fees/pool.ts'
import type { ProviderSummary } from '../src/domain/fees.ts'

const pool: fc.Arbitrary<QualityPoolComponent> = fc.record({
  type: fc.constant('qualityPool' as const),
  amount: fc.oneof(
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 1, max: 500 }).map((c) => c / 100),
  ),
  threshold: fc.integer({ min: 0, max: 90 }),
  minResponses: fc.integer({ min: 0, max: 12 }),
  minResponseRate: fc.constantFrom(0, 0.3, 0.5),
  nonResponse: fc.constantFrom('zero' as const, 'respondentMean' as const),
})

/** A provider's counts that hold together (responses <= completed <= invited), and sums of its indices. */
const summary = fc
  .record({
    clients: fc.integer({ min: 0, max: 60 }),
    invitedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    completedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    respondedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    // Equal indices and sizes make equal weights: the tie rules of the largest remainder count too.
    index: fc.oneof(fc.constantFrom(40, 60, 75, 100), fc.double({ min: 0, max: 100, noNaN: true })),
  })
  .map(({ clients, invitedShare, completedShare, respondedShare, index }) => {
    const invited = Math.floor(clients * invitedShare)
    const completed = Math.floor(invited * completedShare)
    const responses = Math.floor(completed * respondedShare)
    const qualitySum = index * responses
    return { clients, invited, completed, responses, qualitySum, qualitySumOfSquares: qualitySum * index }
  })

const named = (figures: Omit<ProviderSummary, 'providerId' | 'name'>, i: number): ProviderSummary => ({
  providerId: `p${String(i).padStart(2, '0')}`,
  name: `P${i}`,
  ...figures,
})

describe('qualityPoolShare (issue 16)', () => {
  it("is the provider's amount in qualityPool over the summaries with its own changed, on random programmes", () => {
    fc.assert(
      fc.property(
        pool,
        fc.array(summary, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.option(summary),
        (component, figures, k, other) => {
          const summaries = figures.map(named)
          const at = k % summaries.length
          // The provider's summary changed (as the suppression sensitivity changes it), or as it was.
          const changed = other === null ? summaries[at] : named(other, at)
          const split = qualityPool(component, 0, summaries)
          const again = qualityPool(
            component,
            0,
            summaries.map((s, i) => (i === at ? changed : s)),
          )
          expect(qualityPoolShare(component, split, changed)).toBe(
            again.shares.get(changed.providerId)!.result.amountCents,
          )
        },
      ),
      { numRuns: 1000 },
    )
  })
})
