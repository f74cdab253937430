import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareWithRest, holmAdjust, welchTest } from '../src/domain/comparisons.ts'
import { pooledWithinVariance } from '../src/domain/quality-stats.ts'
import { type ScoreSums, scoreTable } from '../src/domain/scores.ts'
import { seeded } from './seeded-random.ts'

const sumsOf = (values: number[]) => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumOfSquares: values.reduce((a, b) => a + b * b, 0),
})
const rowsOf = (groups: number[][]): ScoreSums[] =>
  groups.map((values, i) => ({
    providerId: `p${i}`,
    name: `P${i}`,
    clients: values.length,
    invited: values.length,
    completed: values.length,
    topBox: 0,
    itemAnswers: 0,
    cannotSay: 0,
    ...sumsOf(values),
  }))
// Ten answers with mean 60 and sample variance 2000/9 = 222.2 (sd 14.9): the "ordinary" provider.
const ordinary = [40, 50, 60, 70, 80, 40, 50, 60, 70, 80]
const everyone = [true, true, true, true, true, true]

describe('welchTest', () => {
  it('matches the worked example of docs/METHODS.md (and scipy.stats.ttest_ind_from_stats, equal_var=False)', () => {
    // n 10, mean 75, sd 20 against n 40, mean 65, sd 15: v/n = 40 and 5.625, se = sqrt(45.625) = 6.7546,
    // t = 10 / 6.7546 = 1.48047, df = 45.625^2 / (40^2/9 + 5.625^2/39) = 11.656, p = 0.16527.
    const test = welchTest({ n: 10, mean: 75, variance: 400 }, { n: 40, mean: 65, variance: 225 })!
    expect(test.difference).toBe(10)
    expect(test.t).toBeCloseTo(1.4804664203952105, 12)
    expect(test.df).toBeCloseTo(11.656035594772954, 9)
    expect(test.p).toBeCloseTo(0.1652651483390764, 6)
  })

  it('has no test with fewer than two values on a side or no variation on either', () => {
    expect(welchTest({ n: 1, mean: 75, variance: 0 }, { n: 40, mean: 65, variance: 225 })).toBeNull()
    expect(welchTest({ n: 5, mean: 75, variance: 10 }, { n: 1, mean: 65, variance: 0 })).toBeNull()
    expect(welchTest({ n: 5, mean: 75, variance: 0 }, { n: 5, mean: 65, variance: 0 })).toBeNull()
  })

  it('has no test when the variation is float noise whose square underflows (a property run found it)', () => {
    // A standard error of about 1e-170 is above 0, but its square underflows: Welch's df would be 0/0.
    expect(welchTest({ n: 2, mean: 0, variance: 0 }, { n: 7, mean: 1e-162, variance: 1e-169 })).toBeNull()
    expect(welchTest({ n: 7, mean: 1e-162, variance: 1e-169 }, { n: 7, mean: 0, variance: 1e-169 })).toBeNull()
  })

  it('is antisymmetric: swapping the samples flips t and keeps df and p', () => {
    const sample = fc.record({
      n: fc.integer({ min: 2, max: 500 }),
      mean: fc.double({ min: 0, max: 100, noNaN: true }),
      variance: fc.double({ min: 0.01, max: 2500, noNaN: true }),
    })
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = welchTest(a, b)!
        const ba = welchTest(b, a)!
        expect(ba.t).toBeCloseTo(-ab.t, 9)
        expect(ba.df).toBeCloseTo(ab.df, 6)
        expect(ba.p).toBeCloseTo(ab.p, 9)
        expect(ab.p).toBeGreaterThanOrEqual(0)
        expect(ab.p).toBeLessThanOrEqual(1)
        // df lies between the smaller n - 1 and n_a + n_b - 2 (Welch 1947)
        expect(ab.df).toBeGreaterThanOrEqual(Math.min(a.n, b.n) - 1 - 1e-9)
        expect(ab.df).toBeLessThanOrEqual(a.n + b.n - 2 + 1e-9)
      }),
    )
  })
})

describe('holmAdjust', () => {
  it('steps down and keeps the adjusted values monotone, worked example', () => {
    // sorted 0.01, 0.03, 0.04, 0.2: 4 * 0.01 = 0.04; 3 * 0.03 = 0.09; 2 * 0.04 = 0.08 -> max(0.09, 0.08) = 0.09; 0.2
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.2])
    expect(adjusted[0]).toBeCloseTo(0.04, 12)
    expect(adjusted[1]).toBeCloseTo(0.09, 12)
    expect(adjusted[2]).toBeCloseTo(0.09, 12)
    expect(adjusted[3]).toBeCloseTo(0.2, 12)
    expect(holmAdjust([])).toEqual([])
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1])
  })

  it('never lowers a p-value, keeps the order, and is never more conservative than Bonferroni', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const adjusted = holmAdjust(ps)
        for (const [i, p] of ps.entries()) {
          expect(adjusted[i]).toBeGreaterThanOrEqual(p)
          expect(adjusted[i]).toBeLessThanOrEqual(1)
          // Holm is never more conservative than Bonferroni
          expect(adjusted[i]).toBeLessThanOrEqual(Math.min(1, ps.length * p) + 1e-15)
          for (const [j, q] of ps.entries()) if (p < q) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j])
        }
      }),
    )
  })
})

describe('compareWithRest', () => {
  it('leaves the provider out of the mean it is compared with', () => {
    // P0: 20 answers at mean 70; P1..P3 ordinary (mean 60). The rest of P0 is 60, the rest of P1 is
    // (1400 + 1200) / 40 = 65. Pooled variance over all four = (19 * 2000/9 * 1 + 3 * 2000) / (19 + 27).
    const rows = rowsOf([[...ordinary, ...ordinary].map((x) => x + 10), ordinary, ordinary, ordinary])
    const result = compareWithRest(rows, everyone, 10_000 / 46)
    expect(result[0].test!.restMean).toBeCloseTo(60, 9)
    expect(result[0].test!.restResponses).toBe(30)
    expect(result[1].test!.restMean).toBeCloseTo(65, 9)
    // scipy mirror: t = 2.37249, df = 40.17, p = 0.022545; Holm over 4: 4 * 0.022545 = 0.0902
    expect(result[0].test!.t).toBeCloseTo(2.3724864558353884, 9)
    expect(result[0].test!.df).toBeCloseTo(40.16544090450736, 6)
    expect(result[0].test!.p).toBeCloseTo(0.02254517058770564, 6)
    expect(result[0].test!.pAdjusted).toBeCloseTo(0.09018068235082256, 6)
    expect(result[0].test!.family).toBe(4)
    // significant alone, not after correction for four providers: no different
    expect(result[0].comparison).toBe('no_different')
    // tested alone (a family of one), the same difference is above
    expect(compareWithRest(rows, [true, false, false, false], 10_000 / 46)[0]).toMatchObject({
      comparison: 'above',
      test: { family: 1, pAdjusted: expect.closeTo(0.02254517058770564, 6) },
    })
  })

  it('counts only tested providers in the family and leaves untested ones no_different', () => {
    const rows = rowsOf([[80], ordinary, ordinary, []])
    const result = compareWithRest(rows, everyone, 2000 / 9)
    expect(result[0]).toEqual({ comparison: 'no_different', test: null })
    expect(result[3]).toEqual({ comparison: 'no_different', test: null })
    expect(result[1].test!.family).toBe(2)
  })
})

describe('the probes of issue 13 through the score table', () => {
  const publication = { minResponses: 2, cautionBelow: 2, minGroup: 2 }

  it('two answers at 100 against a programme at 60 are no different (the old interval test said above)', () => {
    const table = scoreTable(rowsOf([[100, 100], ordinary, ordinary, ordinary]), publication, 'procurer')
    const probe = table.providers[0]
    // The interval uses the pooled sd (sqrt(3 * 2000 / 28) = 14.64), not the probe's own 0.
    expect(probe.qualityIndex.sd).toBe(0)
    expect(probe.qualityIndex.intervalBasis).toBe('programme_sd')
    expect(probe.qualityIndex.ci95![1] - probe.qualityIndex.ci95![0]).toBeGreaterThan(0)
    expect(probe.comparisonTest!.restMean).toBeCloseTo(60, 9)
    expect(probe.comparisonTest!.p).toBeGreaterThan(0.05)
    expect(probe.comparison).toBe('no_different')
  })

  it('ten answers at 66.7 against a programme at 60 are no different', () => {
    const table = scoreTable(
      rowsOf([new Array(10).fill(200 / 3), ordinary, ordinary, ordinary]),
      publication,
      'procurer',
    )
    const probe = table.providers[0]
    expect(probe.qualityIndex.intervalBasis).toBe('programme_sd')
    expect(probe.comparison).toBe('no_different')
    // scipy mirror: pooled variance 6000/36 = 166.67, t = 1.3734, df 17.08, p = 0.1874; Holm over 4: 0.7496
    expect(probe.comparisonTest!.p).toBeCloseTo(0.18739267615525504, 6)
    expect(probe.comparisonTest!.pAdjusted).toBeCloseTo(0.7495707046210202, 6)
  })

  it('a clear difference stays above after correction', () => {
    // 20 answers at mean 72 among five ordinary providers: p = 0.00391, Holm over 6: 0.02346
    const groups = [[...ordinary, ...ordinary].map((x) => x + 12), ordinary, ordinary, ordinary, ordinary, ordinary]
    const probe = scoreTable(rowsOf(groups), publication, 'procurer').providers[0]
    expect(probe.comparisonTest!.pAdjusted).toBeCloseTo(0.023459854478522807, 6)
    expect(probe.comparison).toBe('above')
  })

  it('hides the test of the rest from provider keys and the public with fewer than three providers answered', () => {
    const rows = rowsOf([[...ordinary, ...ordinary].map((x) => x + 30), ordinary])
    for (const audience of ['provider', 'public'] as const) {
      const table = scoreTable(rows, publication, audience)
      expect(table.providers[0].comparisonTest).toBeNull()
      expect(table.programme.estimates).toMatchObject({ priorWeight: null, pooledSd: null })
    }
    expect(scoreTable(rows, publication, 'procurer').providers[0].comparisonTest).not.toBeNull()
  })
})

describe('the error rate of the labels', () => {
  it('labels a provider in under 5 % of programmes where none differs, thanks to Holm and the pooled-sd floor', () => {
    // 1,000 programmes of 20 providers with 15 answers each, every answer drawn from the same four-point
    // distribution (0, 33.3, 66.7, 100 with 10/20/40/30 %): any "above" or "below" is a false alarm.
    const random = seeded(13)
    const draw = () => {
      const u = random()
      return u < 0.1 ? 0 : u < 0.3 ? 100 / 3 : u < 0.7 ? 200 / 3 : 100
    }
    const everyone = new Array(20).fill(true)
    const count = { holm: 0, uncorrected: 0, ownSdOnly: 0 }
    for (let k = 0; k < 1000; k++) {
      const rows = Array.from({ length: 20 }, () => sumsOf(Array.from({ length: 15 }, draw)))
      const result = compareWithRest(rows, everyone, pooledWithinVariance(rows))
      if (result.some((r) => r.comparison !== 'no_different')) count.holm++
      if (result.some((r) => r.test !== null && r.test.p < 0.05)) count.uncorrected++
      // Without the floor a provider whose few answers happen to agree gets a tiny variance and a huge t.
      if (compareWithRest(rows, everyone, null).some((r) => r.comparison !== 'no_different')) count.ownSdOnly++
    }
    // Measured (seed 13): 3 in 1,000 with Holm, 411 without correction, 113 with Holm but each provider's own sd.
    expect(count).toEqual({ holm: 3, uncorrected: 411, ownSdOnly: 113 })
    expect(count.holm).toBeLessThanOrEqual(50)
  })
})

describe('the score table, whatever the rows', () => {
  const publication = { minResponses: 3, cautionBelow: 6, minGroup: 3 }
  const group = fc.array(
    fc.integer({ min: 0, max: 12 }).map((x) => (x * 100) / 12),
    { maxLength: 25 },
  )

  it('keeps every figure inside its own interval, k within 1..50, and labels only Holm-significant differences', () => {
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('procurer', 'provider', 'public'),
        (groups, audience) => {
          const table = scoreTable(rowsOf(groups), publication, audience)
          const { estimates } = table.programme
          if (estimates.priorWeightSource === 'empirical' && estimates.priorWeight !== null) {
            expect(estimates.priorWeight).toBeGreaterThanOrEqual(1)
            expect(estimates.priorWeight).toBeLessThanOrEqual(50)
          }
          for (const p of table.providers) {
            const q = p.qualityIndex
            if (q.ci95 !== null) {
              expect(q.ci95[0]).toBeLessThanOrEqual(q.mean! + 1e-9)
              expect(q.mean!).toBeLessThanOrEqual(q.ci95[1] + 1e-9)
            }
            if (q.shrunkCi95 !== null) {
              expect(q.shrunkCi95[0]).toBeLessThanOrEqual(q.shrunk! + 1e-9)
              expect(q.shrunk!).toBeLessThanOrEqual(q.shrunkCi95[1] + 1e-9)
            }
            if (p.comparison === 'above' || p.comparison === 'below') {
              if (p.comparisonTest !== null) {
                expect(p.comparisonTest.pAdjusted).toBeLessThan(0.05)
                expect(Math.sign(p.comparisonTest.difference)).toBe(p.comparison === 'above' ? 1 : -1)
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('lets no provider under minGroup answers move the pooled sd or k', () => {
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 2 }),
        (groups, small) => {
          const without = scoreTable(rowsOf(groups), publication, 'procurer').programme.estimates
          const withSmall = scoreTable(rowsOf([...groups, small]), publication, 'procurer').programme.estimates
          expect(withSmall).toEqual(without)
        },
      ),
    )
  })
})
