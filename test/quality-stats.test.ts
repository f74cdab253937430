import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  empiricalPriorWeight,
  MAX_PRIOR_WEIGHT,
  pooledWithinVariance,
  programmeEstimates,
  providerSummary,
  publicationState,
  rateProvider,
  sampleVarianceFromSums,
  shareOf,
  shrunkIndex,
  shrunkInterval,
  starsFor,
  summarise,
  summariseFromSums,
  suppress,
  tQuantile975,
  wilson95,
  Z975,
} from '../src/domain/quality-stats.ts'

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) => {
  expect(actual).not.toBeNull()
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance)
}

describe('tQuantile975', () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [10, 2.2281],
    [30, 2.0423],
    [31, 2.0395],
    [60, 2.0003],
    [120, 1.9799],
    [1_000, 1.9623],
    [1_000_000, 1.96],
  ])('df %i -> %f', (df, expected) => {
    close(tQuantile975(df), expected, 1e-4)
  })

  it('approaches the normal quantile 1.95996 and decreases with df', () => {
    close(tQuantile975(1e9), 1.95996, 1e-5)
    for (let df = 1; df < 200; df++) expect(tQuantile975(df + 1)).toBeLessThan(tQuantile975(df))
  })

  it('rejects df below 1 or fractional df', () => {
    expect(() => tQuantile975(0)).toThrow(RangeError)
    expect(() => tQuantile975(2.5)).toThrow(RangeError)
  })
})

// Fixture: six responses with indices 40, 60, 80, 100, 70, 70.
const indices = [40, 60, 80, 100, 70, 70]
// n = 6; sum = 420; sum of squares = 1600 + 3600 + 6400 + 10000 + 4900 + 4900 = 31400.
// mean = 420 / 6 = 70.
// centred sum of squares = 31400 - 420^2/6 = 31400 - 29400 = 2000 (= 30^2 + 10^2 + 10^2 + 30^2 + 0 + 0).
// variance = 2000 / (6 - 1) = 400; sd = 20.
// t_{0.975,5} = 2.570582; half width = 2.570582 * 20 / sqrt(6) = 51.41164 / 2.4494897 = 20.988714.
// ci95 = [70 - 20.988714, 70 + 20.988714] = [49.011286, 90.988714].
const half = (2.570582 * 20) / Math.sqrt(6)

describe('summariseFromSums', () => {
  it('gives n, mean, sd and the t-interval of the fixture', () => {
    const s = summariseFromSums(6, 420, 31400)
    expect(s.n).toBe(6)
    close(s.mean, 70)
    close(s.sd, 20)
    close(s.ci95?.[0], 70 - half)
    close(s.ci95?.[1], 70 + half)
    close(s.ci95?.[0], 49.011285860056, 1e-9)
    expect(summarise(indices)).toEqual(s)
  })

  it('has no mean for n = 0 and no sd or interval for n = 1', () => {
    expect(summariseFromSums(0, 0, 0)).toEqual({ n: 0, mean: null, sd: null, ci95: null })
    expect(summariseFromSums(1, 80, 6400)).toEqual({ n: 1, mean: 80, sd: null, ci95: null })
  })

  it('gives sd 0 and a zero-width interval when every index is the same, despite rounding', () => {
    // 87.3 is not exact in binary: for nine of them the one-pass centred sum of squares comes out as
    // +2.9e-11 of rounding noise, which would otherwise be an sd of 1.9e-6.
    const s = summarise(new Array(9).fill(87.3))
    expect(s.sd).toBe(0)
    expect(s.ci95).toEqual([s.mean, s.mean])
    // Noise below zero is 0 too: 300^2/3 = 30000 is one ulp above this sum of squares.
    expect(sampleVarianceFromSums(3, 300, 29999.999999999996)).toBe(0)
  })

  it('clips the interval to 0..100', () => {
    // 0, 100: mean 50, sd = sqrt(5000) = 70.71; half = 12.706205 * 70.71 / sqrt(2) = 635.3 -> clipped.
    expect(summarise([0, 100]).ci95).toEqual([0, 100])
    // 95, 100, 100: mean 98.333, sd 2.887, half = 4.302653 * 2.887 / 1.732 = 7.17 -> upper bound 100.
    expect(summarise([95, 100, 100]).ci95?.[1]).toBe(100)
  })

  it('matches the two-pass standard deviation', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 400 }).map((q) => q / 4),
          { minLength: 2, maxLength: 300 },
        ),
        (xs) => {
          const mean = xs.reduce((a, b) => a + b, 0) / xs.length
          const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1))
          const s = summarise(xs)
          expect(Math.abs((s.sd as number) - sd)).toBeLessThan(1e-6)
          expect(s.ci95![0]).toBeLessThanOrEqual(s.mean as number)
          expect(s.ci95![1]).toBeGreaterThanOrEqual(s.mean as number)
        },
      ),
    )
  })
})

describe('wilson95', () => {
  // z = 1.959964, z^2 = 3.841459.
  it('3 of 6 top-box answers', () => {
    // p = 0.5; z^2/n = 0.640243; centre = (0.5 + 0.320122) / 1.640243 = 0.5.
    // half = z / 1.640243 * sqrt(0.25/6 + 3.841459/144) = 1.194922 * sqrt(0.0683435) = 1.194922 * 0.261426 = 0.312384.
    const [lo, hi] = wilson95(3, 6)!
    close(lo, 0.18761630648265, 1e-12)
    close(hi, 0.81238369351735, 1e-12)
    close(lo + hi, 1)
  })

  it('0 of n and n of n end exactly at 0 and 1', () => {
    // At p = 0: centre = half = (z^2/2n)/(1 + z^2/n), so lo = 0 and hi = z^2/(n + z^2) = 3.841459/9.841459 = 0.390334.
    expect(wilson95(0, 6)).toEqual([0, expect.closeTo(Z975 ** 2 / (6 + Z975 ** 2), 12)])
    close(wilson95(0, 6)![1], 0.39033428790217, 1e-12)
    // At p = 1, by symmetry: lo = n/(n + z^2) = 6/9.841459 = 0.609666, hi = 1.
    expect(wilson95(6, 6)).toEqual([expect.closeTo(6 / (6 + Z975 ** 2), 12), 1])
  })

  it('has no interval for n = 0 and rejects impossible counts', () => {
    expect(wilson95(0, 0)).toBeNull()
    expect(() => wilson95(7, 6)).toThrow(RangeError)
  })

  it('shareOf gives the share with its interval', () => {
    expect(shareOf(3, 6)).toEqual({ n: 6, successes: 3, share: 0.5, ci95: wilson95(3, 6) })
    expect(shareOf(0, 0)).toEqual({ n: 0, successes: 0, share: null, ci95: null })
  })
})

describe('shrunkIndex', () => {
  it('pulls the fixture toward the programme mean', () => {
    // S = (6*70 + 5*60) / (6 + 5) = (420 + 300) / 11 = 720/11 = 65.4545...
    close(shrunkIndex(6, 70, 60), 720 / 11)
    // k = 0 leaves the mean alone; k = 6 (= n) lands halfway: (420 + 360) / 12 = 65.
    close(shrunkIndex(6, 70, 60, 0), 70)
    close(shrunkIndex(6, 70, 60, 6), 65)
  })

  it('is the programme mean without answers, and null without a programme mean', () => {
    expect(shrunkIndex(0, null, 60)).toBe(60)
    expect(shrunkIndex(0, null, null)).toBeNull()
  })
})

describe('shrunkInterval', () => {
  it('maps the ends of the raw interval as the mean is mapped', () => {
    // the fixture interval [49.011286, 90.988714] of Q = 70, n = 6, M = 60, k = 5
    const ci = summariseFromSums(6, 420, 31400).ci95 as [number, number]
    const [l, u] = shrunkInterval(6, ci, 60) as [number, number]
    close(l, (6 * 49.011285860056 + 300) / 11, 1e-9)
    close(u, (6 * (140 - 49.011285860056) + 300) / 11, 1e-9)
    expect(l).toBeLessThanOrEqual(720 / 11)
    expect(u).toBeGreaterThanOrEqual(720 / 11)
    // k = 0 gives the raw interval back
    expect(shrunkInterval(6, ci, 60, 0)).toEqual(ci)
  })

  it('is null without a raw interval or a programme mean', () => {
    expect(shrunkInterval(1, null, 60)).toBeNull()
    expect(shrunkInterval(6, [40, 80], null)).toBeNull()
    expect(shrunkInterval(0, null, 60)).toBeNull()
  })
})

describe('starsFor', () => {
  it.each([
    [0, 1], // 1 + 0
    [100, 5], // 1 + 4
    [50, 3], // 1 + 2
    [56.25, 3.5], // 1 + 2.25 = 3.25 -> half up to 3.5
    [56.2, 3], // 3.248 -> 3
    [68.75, 4], // 1 + 2.75 = 3.75 -> 4
    [68.7, 3.5], // 3.748 -> 3.5
    [6.25, 1.5], // 1.25 -> 1.5
    [93.75, 5], // 4.75 -> 5
    [720 / 11, 3.5], // the fixture: 1 + 4 * 0.654545 = 3.618 -> 3.5
  ])('S %f -> %f stars', (s, stars) => {
    expect(starsFor(s)).toBe(stars)
  })

  it('rounds a boundary that floating point just missed as the boundary', () => {
    const almost = 56.24999999999999 // what a mean meant as 56.25 can come out as
    expect(almost).toBeLessThan(56.25)
    expect(starsFor(almost)).toBe(3.5)
  })

  it('has no stars without an index', () => {
    expect(starsFor(null)).toBeNull()
  })
})

describe('providerSummary', () => {
  it('widens the interval to the pooled sd when the own sd is smaller, and keeps the own sd', () => {
    // Two answers at 100: own sd 0. Pooled variance 400 (sd 20): half = 12.706205 * 20 / sqrt(2) = 179.7
    // -> [0, 100] after clipping; with 30 such answers half = 2.045230 * 20 / sqrt(30) = 7.468 -> [92.53, 100].
    const two = providerSummary(2, 200, 20000, 400)
    expect(two).toMatchObject({ n: 2, mean: 100, sd: 0, ci95: [0, 100], intervalBasis: 'programme_sd' })
    const thirty = providerSummary(30, 3000, 300000, 400)
    close(thirty.ci95?.[0], 100 - (2.04523 * 20) / Math.sqrt(30), 1e-9)
    expect(thirty.ci95?.[1]).toBe(100)
    // The fixture's own sd 20 is larger than a pooled sd of 10: its own interval stands.
    expect(providerSummary(6, 420, 31400, 100)).toEqual({
      ...summariseFromSums(6, 420, 31400),
      intervalBasis: 'own_sd',
    })
    // No pooled estimate: the own interval, even of zero width; one answer: no interval at all.
    expect(providerSummary(2, 200, 20000, null)).toMatchObject({ ci95: [100, 100], intervalBasis: 'own_sd' })
    expect(providerSummary(1, 80, 6400, 400)).toMatchObject({ ci95: null, intervalBasis: null })
  })

  it('never gives a zero-width interval when the pooled variance is positive, and contains the mean', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 1, max: 2500, noNaN: true }),
        (values, pooled) => {
          const t = sumsOf(values)
          const s = providerSummary(t.n, t.sum, t.sumOfSquares, pooled)
          const own = summarise(values)
          expect(s.ci95![1] - s.ci95![0]).toBeGreaterThan(0)
          expect(s.ci95![0]).toBeLessThanOrEqual(s.mean!)
          expect(s.ci95![1]).toBeGreaterThanOrEqual(s.mean!)
          // never narrower than its own interval
          expect(s.ci95![0]).toBeLessThanOrEqual(own.ci95![0] + 1e-9)
          expect(s.ci95![1]).toBeGreaterThanOrEqual(own.ci95![1] - 1e-9)
        },
      ),
    )
  })
})

describe('publicationState', () => {
  it('uses 10 and 30 by default', () => {
    expect(publicationState(0)).toBe('too_few_answers')
    expect(publicationState(9)).toBe('too_few_answers')
    expect(publicationState(10)).toBe('caution')
    expect(publicationState(29)).toBe('caution')
    expect(publicationState(30)).toBe('published')
  })

  it('takes the programme thresholds', () => {
    expect(publicationState(6, { minResponses: 5, cautionBelow: 20 })).toBe('caution')
    expect(publicationState(6, { minResponses: 5, cautionBelow: 5 })).toBe('published')
  })
})

describe('rateProvider', () => {
  it('combines the fixture figures', () => {
    const rating = rateProvider({ n: 6, sum: 420, sumOfSquares: 31400 }, 60)
    expect(rating).toEqual({
      ...summariseFromSums(6, 420, 31400),
      intervalBasis: 'own_sd',
      shrunk: 720 / 11,
      // [49.011286, 90.988714] mapped as the mean: ((6*L + 300)/11, (6*U + 300)/11)
      shrunkCi95: shrunkInterval(6, summariseFromSums(6, 420, 31400).ci95, 60),
      stars: 3.5,
      state: 'too_few_answers',
    })
    expect(
      rateProvider({ n: 6, sum: 420, sumOfSquares: 31400 }, 60, { minResponses: 5, priorWeight: 6 }),
    ).toMatchObject({
      shrunk: 65, // (420 + 6*60) / 12
      stars: 3.5, // 1 + 2.6 = 3.6 -> 3.5
      state: 'caution',
    })
  })

  it('rates a provider without answers at the programme mean, unpublished', () => {
    expect(rateProvider({ n: 0, sum: 0, sumOfSquares: 0 }, 60)).toEqual({
      n: 0,
      mean: null,
      sd: null,
      ci95: null,
      intervalBasis: null,
      shrunk: 60,
      shrunkCi95: null,
      stars: 3.5, // 1 + 2.4 = 3.4 -> 3.5
      state: 'too_few_answers',
    })
  })
})

describe('suppress', () => {
  it('hides a value resting on fewer than minGroup answers', () => {
    expect(suppress(0.4, 0, 5)).toBeNull()
    expect(suppress(0.4, 4, 5)).toBeNull()
    expect(suppress(0.4, 5, 5)).toBe(0.4)
    expect(suppress(null, 9, 5)).toBeNull()
  })
})

const sumsOf = (values: number[]) => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumOfSquares: values.reduce((a, b) => a + b * b, 0),
})

describe('empirical Bayes prior weight', () => {
  it('pools the within-provider variance over the providers with two or more answers', () => {
    // A: 40, 60 (variance 200, df 1); B: 80, 100, 90 (variance 100, df 2); C: one answer, no df.
    expect(pooledWithinVariance([sumsOf([40, 60]), sumsOf([80, 100, 90]), sumsOf([70])])).toBeCloseTo(400 / 3, 9)
    expect(pooledWithinVariance([sumsOf([70]), sumsOf([])])).toBeNull()
  })

  it('is the within variance over the method-of-moments between variance, worked example', () => {
    // Two providers of four: means 40 and 80, each with sample variance 400/3.
    const a = sumsOf([20, 40, 40, 60])
    const b = sumsOf([60, 80, 80, 100])
    // MSW = 800/6; sum n_i (mean_i - 60)^2 = 3200; tau^2 = (3200 - 800/6) / (8 - 32/8) = 766.67; k = 0.174 -> 1.
    expect(empiricalPriorWeight([a, b])).toBe(1)
    // Closer means: 58 and 62 -> between squares 32 < MSW, tau^2 <= 0 -> the upper bound.
    expect(empiricalPriorWeight([sumsOf([38, 58, 58, 78]), sumsOf([42, 62, 62, 82])])).toBe(MAX_PRIOR_WEIGHT)
  })

  it('matches sigma^2 / tau^2 when the ratio lies inside the bounds', () => {
    // Means 50 and 70, each with sample variance 720: tau^2 = (1200 - 720) / 6 = 80, k = 9.
    const a = sumsOf([20, 50, 80, 20, 50, 80])
    const b = sumsOf([40, 70, 100, 40, 70, 100])
    const within = pooledWithinVariance([a, b])!
    const between = (6 * 10 ** 2 + 6 * 10 ** 2 - within) / (12 - 72 / 12)
    expect(within / between).toBeCloseTo(9, 9)
    expect(empiricalPriorWeight([a, b])).toBeCloseTo(within / between, 9)
    expect(within / between).toBeGreaterThan(1)
    expect(within / between).toBeLessThan(MAX_PRIOR_WEIGHT)
  })

  it('is null with fewer than two answered providers or no within-provider variation to estimate', () => {
    expect(empiricalPriorWeight([sumsOf([50, 60])])).toBeNull()
    expect(empiricalPriorWeight([sumsOf([50]), sumsOf([60])])).toBeNull()
  })

  it('always lies within 1..50', () => {
    const provider = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 0, maxLength: 12 }).map(sumsOf)
    fc.assert(
      fc.property(fc.array(provider, { minLength: 0, maxLength: 8 }), (providers) => {
        const k = empiricalPriorWeight(providers)
        return k === null || (k >= 1 && k <= MAX_PRIOR_WEIGHT)
      }),
    )
  })
})

describe('programmeEstimates', () => {
  it('estimates k and the pooled variance from providers with at least minGroup answers only', () => {
    const a = sumsOf([20, 50, 80, 20, 50, 80])
    const b = sumsOf([40, 70, 100, 40, 70, 100])
    // A provider of two answers under minGroup 3 moves neither figure.
    const small = sumsOf([0, 100])
    const estimated = programmeEstimates([a, b, small], 3)
    expect(estimated.priorWeightSource).toBe('empirical')
    expect(estimated.priorWeight).toBeCloseTo(9, 9) // the worked example above: k = 720 / 80
    expect(estimated.pooledVariance).toBeCloseTo(720, 9)
    expect(programmeEstimates([a, b, small], 2).pooledVariance).toBeCloseTo((5 * 720 * 2 + 5000) / 11, 9)
  })

  it('keeps a fixed priorWeight as an override and falls back to 5 without enough providers', () => {
    const a = sumsOf([20, 50, 80, 20, 50, 80])
    expect(programmeEstimates([a], 3, 7)).toEqual({ pooledVariance: 720, priorWeight: 7, priorWeightSource: 'fixed' })
    expect(programmeEstimates([a], 3)).toEqual({ pooledVariance: 720, priorWeight: 5, priorWeightSource: 'default' })
    expect(programmeEstimates([], 3)).toEqual({ pooledVariance: null, priorWeight: 5, priorWeightSource: 'default' })
  })
})
