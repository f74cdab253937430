import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  shrunkIndex,
  shrunkInterval,
  starsFor,
  summarise,
  summariseFromSums,
  wilson95,
} from '../src/domain/quality-stats.ts'
import { rIndicator } from '../src/domain/representativeness.ts'
import { aaporRates, classifyInvitation, tallyOutcomes } from '../src/domain/response-rates.ts'
import { scoreResponse } from '../src/domain/response-score.ts'
import { type ScoreSums, scoreTable } from '../src/domain/scores.ts'

const publication = { minResponses: 3, cautionBelow: 6, minGroup: 2, priorWeight: 5 }
const index = fc.double({ min: 0, max: 100, noNaN: true })

/** A survey's scored items (K = 4 or 5) and an answer to each: a position, "cannot say" or nothing. */
const itemsAndAnswers = fc
  .array(
    fc.record({
      points: fc.constantFrom(4, 5),
      answer: fc.option(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(0)), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows) => ({
    items: rows.map((r, k) => ({
      name: `q${k}`,
      values: Array.from({ length: r.points }, (_, j) => j + 1),
      notApplicable: 'dontknow',
    })),
    answers: Object.fromEntries(
      rows.flatMap((r, k) =>
        r.answer === undefined ? [] : [[`q${k}`, r.answer === 0 ? 'dontknow' : Math.min(r.answer, r.points)]],
      ),
    ),
  }))

describe('scoring properties', () => {
  it('puts the shrunk index inside its own interval, and the interval excludes M exactly when the raw one does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5000 }),
        index,
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.integer({ min: 0, max: 50 }),
        index,
        (n, mean, sd, k, programmeMean) => {
          // sums of n values with this mean and sample sd (as SQL would hand them over)
          const sum = n * mean
          const sumOfSquares = (n - 1) * sd * sd + n * mean * mean
          const s = summariseFromSums(n, sum, sumOfSquares)
          const shrunk = shrunkIndex(n, s.mean, programmeMean, k) as number
          const ci = shrunkInterval(n, s.ci95, programmeMean, k) as [number, number]
          expect(ci).not.toBeNull()
          expect(ci[0]).toBeLessThanOrEqual(shrunk)
          expect(shrunk).toBeLessThanOrEqual(ci[1])
          expect(ci[0]).toBeGreaterThanOrEqual(0)
          expect(ci[1]).toBeLessThanOrEqual(100)
          const raw = s.ci95 as [number, number]
          const rawExcludes = raw[0] > programmeMean || raw[1] < programmeMean
          const shrunkExcludes = ci[0] > programmeMean || ci[1] < programmeMean
          if (k === 0 || Math.min(Math.abs(raw[0] - programmeMean), Math.abs(raw[1] - programmeMean)) > 1e-9) {
            expect(shrunkExcludes).toBe(rawExcludes)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('gives a response index within 0..100 exactly when at least half of the items are answered, whatever the item order', () => {
    fc.assert(
      fc.property(itemsAndAnswers, fc.nat(), ({ items, answers }, seed) => {
        const s = scoreResponse(items, answers)
        const answered = items.filter((i) => typeof answers[i.name] === 'number').length
        expect(s.scoredAnswered).toBe(answered)
        if (answered * 2 >= items.length) {
          expect(s.qualityIndex).not.toBeNull()
          expect(s.qualityIndex!).toBeGreaterThanOrEqual(0)
          expect(s.qualityIndex!).toBeLessThanOrEqual(100 + 1e-9)
        } else expect(s.qualityIndex).toBeNull()
        const shuffled = [...items].sort(
          (a, b) => ((a.name.charCodeAt(1) * 31 + seed) % 7) - ((b.name.charCodeAt(1) * 31 + seed) % 7),
        )
        const again = scoreResponse(shuffled, answers)
        if (s.qualityIndex === null) expect(again.qualityIndex).toBeNull()
        else expect(again.qualityIndex).toBeCloseTo(s.qualityIndex, 9)
        expect(again.allTop).toBe(s.allTop)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the mean inside its interval, the interval inside 0..100, and the result independent of order', () => {
    fc.assert(
      fc.property(fc.array(index, { minLength: 2, maxLength: 60 }), (values) => {
        const s = summarise(values)
        const r = summarise([...values].reverse())
        expect(r.mean).toBeCloseTo(s.mean!, 9)
        expect(s.ci95![0]).toBeGreaterThanOrEqual(0)
        expect(s.ci95![1]).toBeLessThanOrEqual(100)
        expect(s.mean!).toBeGreaterThanOrEqual(s.ci95![0] - 1e-9)
        expect(s.mean!).toBeLessThanOrEqual(s.ci95![1] + 1e-9)
      }),
    )
  })

  it('puts the shrunk index between the provider and programme means, and stars on half-star steps in 1..5', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        index,
        index,
        fc.double({ min: 0, max: 50, noNaN: true }),
        (n, q, m, k) => {
          const s = shrunkIndex(n, n === 0 ? null : q, m, k)!
          expect(s).toBeGreaterThanOrEqual(Math.min(q, m) - 1e-9)
          expect(s).toBeLessThanOrEqual(Math.max(n === 0 ? m : q, m) + 1e-9)
          const stars = starsFor(s)!
          expect(stars * 2).toBe(Math.round(stars * 2))
          expect(stars).toBeGreaterThanOrEqual(1)
          expect(stars).toBeLessThanOrEqual(5)
        },
      ),
    )
  })

  it('keeps Wilson intervals within 0..1 around the observed share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([k, n]) => {
          const [lo, hi] = wilson95(k, n)!
          expect(lo).toBeGreaterThanOrEqual(0)
          expect(hi).toBeLessThanOrEqual(1)
          expect(lo).toBeLessThanOrEqual(k / n + 1e-12)
          expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12)
        },
      ),
    )
  })

  it('puts every invitation in exactly one outcome, with rates within 0..1 and RR1 <= RR2', () => {
    const facts = fc.record({
      status: fc.constantFrom('open', 'completed', 'declined') as fc.Arbitrary<'open' | 'completed' | 'declined'>,
      opened: fc.boolean(),
      answeredAny: fc.boolean(),
      scoredAnswered: fc.integer({ min: 0, max: 5 }),
      scoredTotal: fc.constant(5),
    })
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 100 }), (all) => {
        const counts = tallyOutcomes(all.map(classifyInvitation))
        expect(counts.I + counts.P + counts.R + counts.O + counts.NC).toBe(all.length)
        const r = aaporRates(counts)
        for (const v of [r.rr1, r.rr2, r.coop1, r.ref1, r.con1]) if (v !== null) expect(v >= 0 && v <= 1).toBe(true)
        if (r.rr1 !== null) expect(r.rr1).toBeLessThanOrEqual(r.rr2!)
      }),
    )
  })

  // R = 1 - 2 S(rho) with the sample standard deviation (n - 1 denominator, Schouten et al. 2009), so with
  // propensities in 0..1 its floor is 1 - sqrt(n / (n - 1)), a little below 0 in small samples.
  it('keeps the R-indicator between its finite-sample floor and 1', () => {
    const cell = fc.integer({ min: 1, max: 40 }).chain((invited) =>
      fc.record({
        customerType: fc.constantFrom('company', 'jobseeker'),
        serviceType: fc.constantFrom(null, 'a', 'b'),
        riskClass: fc.constantFrom(null, 'A', 'B'),
        language: fc.constantFrom('fi', 'sv'),
        invited: fc.constant(invited),
        responded: fc.integer({ min: 0, max: invited }),
      }),
    )
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 20 }), (cells) => {
        const { r, invited } = rIndicator(cells)
        if (r !== null) {
          expect(r).toBeGreaterThanOrEqual(1 - Math.sqrt(invited / (invited - 1)) - 1e-9)
          expect(r).toBeLessThanOrEqual(1 + 1e-9)
        }
      }),
    )
  })

  it('scores each provider the same whatever the order of the rows', () => {
    const row = fc.integer({ min: 0, max: 40 }).chain((n) =>
      fc.record({
        clients: fc.constant(n + 2),
        invited: fc.constant(n + 2),
        completed: fc.constant(n),
        n: fc.constant(n),
        values: fc.array(index, { minLength: n, maxLength: n }),
        topBox: fc.integer({ min: 0, max: n }),
        cannotSay: fc.integer({ min: 0, max: 5 * n }),
      }),
    )
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const sums: ScoreSums[] = rows.map((r, i) => ({
          providerId: `p${i}`,
          name: `P${i}`,
          clients: r.clients,
          invited: r.invited,
          completed: r.completed,
          n: r.n,
          sum: r.values.reduce((a, b) => a + b, 0),
          sumOfSquares: r.values.reduce((a, b) => a + b * b, 0),
          topBox: r.topBox,
          itemAnswers: 5 * r.n,
          cannotSay: r.cannotSay,
        }))
        const forward = scoreTable(sums, publication, 'procurer')
        const backward = scoreTable([...sums].reverse(), publication, 'procurer')
        for (const p of forward.providers) {
          const q = backward.providers.find((x) => x.providerId === p.providerId)!
          expect(q.stars).toBe(p.stars)
          if (p.qualityIndex.shrunk !== null) expect(q.qualityIndex.shrunk).toBeCloseTo(p.qualityIndex.shrunk, 9)
          expect(q.cannotSay).toEqual(p.cannotSay)
        }
        expect(forward.programme.responses).toBe(rows.reduce((a, r) => a + r.n, 0))
      }),
    )
  })
})
