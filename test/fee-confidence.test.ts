import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FeeRule } from '../src/domain/fee-rule.ts'
import { expectedAmount, feeConfidence, thresholdConfidence } from '../src/domain/fees/confidence.ts'
import type { FeeClient, FeeProvider } from '../src/domain/fees.ts'
import { budgetPlan, computeStatement, scaleToBudget } from '../src/domain/fees.ts'
import { parseFeeRule } from '../src/schemas/fee-rule.ts'

// Reference values from SciPy 1.x, scipy.stats.t.cdf (independent of @stdlib, which the code uses).
const T9_AT_0_316 = 0.620479672767928 // t.cdf(2 / (20 / sqrt(10)), 9)
const T9_AT_1_897 = 0.9548663341960725 // t.cdf(12 / (20 / sqrt(10)), 9)

function rule(...components: unknown[]): FeeRule {
  const parsed = parseFeeRule({ currency: 'EUR', components }, 'EUR')
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.rule
}

/** Ten answers with mean `mean` and sample sd exactly 20: five at mean + d, five at mean - d, d = 20 sqrt(0.9). */
function tenAnswers(mean: number): number[] {
  const d = 20 * Math.sqrt(0.9)
  return [...Array(10)].map((_, i) => (i % 2 === 0 ? mean + d : mean - d))
}

function provider(providerId: string, indices: number[], invited = indices.length): FeeProvider {
  const clients = indices.map(
    (qualityIndex, i): FeeClient => ({
      episodeId: `ep-${providerId}-${i}`,
      externalRef: `${providerId}-${String(i).padStart(2, '0')}`,
      riskClass: null,
      serviceType: null,
      startedOn: '2027-01-10',
      endedOn: '2027-02-15',
      outcomes: [],
      response: { qualityIndex, allTop: false },
    }),
  )
  return { providerId, name: `Provider ${providerId}`, clients, invited, completed: indices.length }
}

const statementOf = (r: FeeRule, ...providers: FeeProvider[]) => computeStatement(r, { currency: 'EUR', providers })

const providerLine = (s: ReturnType<typeof statementOf>, p = 0) => {
  const lines = s.providers[p].lines.filter((l) => l.externalRef === null)
  expect(lines).toHaveLength(1)
  return lines[0]
}

describe('thresholdConfidence', () => {
  it('gives the issue figure: 2 points above a step, n = 10, sd 20 -> about 0.62', () => {
    const c = thresholdConfidence({ index: 62, n: 10, sd: 20 }, 60)
    expect(c).toBeCloseTo(0.62, 2)
    expect(c).toBeCloseTo(T9_AT_0_316, 6)
    // The same distance below the step: as sure it is not reached.
    expect(thresholdConfidence({ index: 58, n: 10, sd: 20 }, 60)).toBeCloseTo(T9_AT_0_316, 12)
  })

  it('is 0.5 on the threshold, 1 when every answer is alike, and needs two answers', () => {
    expect(thresholdConfidence({ index: 60, n: 10, sd: 20 }, 60)).toBe(0.5)
    expect(thresholdConfidence({ index: 61, n: 10, sd: 0 }, 60)).toBe(1)
    expect(() => thresholdConfidence({ index: 61, n: 1, sd: 5 }, 60)).toThrow(RangeError)
  })

  it('lies in [0.5, 1] and rises with the distance and with n (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 2, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        (threshold, d1, extra, n, moreN, sd) => {
          const at = (distance: number, count: number) =>
            thresholdConfidence({ index: threshold + distance, n: count, sd }, threshold)
          const c = at(d1, n)
          expect(c).toBeGreaterThanOrEqual(0.5)
          expect(c).toBeLessThanOrEqual(1)
          expect(at(d1 + extra, n)).toBeGreaterThanOrEqual(c - 1e-12)
          expect(at(d1, n + moreN)).toBeGreaterThanOrEqual(c - 1e-12)
        },
      ),
    )
  })
})

describe('expectedAmount', () => {
  it('weighs each step class by its probability (exact for steps)', () => {
    // Steps 80 -> 1000.00, 60 -> 500.00, below -> 0; index 72, n 10, sd 20. SciPy: P(< 60) 0.0451337,
    // P(< 80) 0.8811637, so 0.8360300 x 50000 + 0.1188363 x 100000 = 53685.13 cents.
    const amountAt = (q: number) => (q >= 80 ? 100000 : q >= 60 ? 50000 : 0)
    const boundaries = [
      { at: 80, strict: false },
      { at: 60, strict: false },
    ]
    expect(expectedAmount({ index: 72, n: 10, sd: 20 }, boundaries, 50000, amountAt)).toBe(53685)
  })

  it('is the amount itself when the classification is certain', () => {
    const amountAt = () => 777
    expect(expectedAmount({ index: 72, n: 10, sd: 0 }, [{ at: 60, strict: false }], 500, amountAt)).toBe(500)
  })

  it('feeConfidence reports the threshold nearest the index, and nothing without thresholds or answers', () => {
    const boundaries = [
      { at: 80, strict: false },
      { at: 60, strict: false },
    ]
    const c = feeConfidence({ index: 62, n: 10, sd: 20 }, boundaries, 50000, () => 0)
    expect(c).toMatchObject({ threshold: 60, reached: true })
    expect(c?.confidence).toBeCloseTo(T9_AT_0_316, 6)
    expect(c?.thresholds.map((t) => [t.threshold, t.reached])).toEqual([
      [60, true],
      [80, false],
    ])
    expect(feeConfidence({ index: 62, n: 10, sd: 20 }, [], 50000, () => 0)).toBeNull()
    expect(feeConfidence({ index: 62, n: 1, sd: 20 }, boundaries, 50000, () => 0)).toBeNull()
    expect(feeConfidence(null, boundaries, 50000, () => 0)).toBeNull()
  })
})

const steps = (minResponseRate = 0) =>
  rule({
    type: 'quality',
    basis: 'provider',
    perClientMax: 100,
    minResponseRate,
    scoring: {
      mode: 'steps',
      steps: [
        { minIndex: 80, share: 1 },
        { minIndex: 60, share: 0.5 },
      ],
    },
  })

describe('fee confidence in the fee engine', () => {
  it('a provider-level step line carries its confidence and expected amount; the totals carry the expected fee', () => {
    const s = statementOf(steps(), provider('p', tenAnswers(72)))
    const line = providerLine(s)
    expect(line.amountCents).toBe(50000)
    expect(line.confidence?.threshold).toBe(80)
    expect(line.confidence?.reached).toBe(false)
    expect(line.confidence?.expectedAmountCents).toBe(53685)
    expect(s.providers[0].expectedTotalCents).toBe(53685)
    expect(s.expectedTotalCents).toBe(53685)
    expect(s.totalCents).toBe(50000)
  })

  it('the issue probe in the engine: 2 points above the step 60', () => {
    const line = providerLine(statementOf(steps(), provider('p', tenAnswers(62))))
    expect(line.confidence?.threshold).toBe(60)
    expect(line.confidence?.reached).toBe(true)
    expect(line.confidence?.confidence).toBeCloseTo(0.62, 2)
  })

  it('a response-rate gate or a linear factor leaves nothing to be unsure of', () => {
    const gated = statementOf(steps(0.9), provider('p', tenAnswers(62), 20))
    expect(providerLine(gated).confidence).toBeUndefined()
    expect(gated.expectedTotalCents).toBe(gated.totalCents)
    const linear = rule({
      type: 'quality',
      basis: 'provider',
      perClientMax: 100,
      minResponseRate: 0,
      scoring: { mode: 'linear' },
    })
    expect(providerLine(statementOf(linear, provider('p', tenAnswers(62)))).confidence).toBeUndefined()
  })

  it('the pool: a qualifying provider expects its share times the chance of being above; below, nothing', () => {
    const pool = rule({ type: 'qualityPool', amount: 1000, threshold: 50, minResponses: 5, minResponseRate: 0 })
    const s = statementOf(pool, provider('a', tenAnswers(62)), provider('b', tenAnswers(45)), provider('c', [90, 90]))
    const [a, b, c] = [0, 1, 2].map((i) => providerLine(s, i))
    expect(a.amountCents).toBe(100000)
    // Own sd 20 is above the pooled one (c's two identical answers pull it to 19.5), so 20 is used: 12 points
    // above the threshold, n 10.
    expect(a.confidence?.confidence).toBeCloseTo(T9_AT_1_897, 6)
    expect(a.confidence?.expectedAmountCents).toBe(Math.round(100000 * (a.confidence?.confidence ?? 0)))
    expect(b.confidence).toMatchObject({ reached: false, expectedAmountCents: 0 })
    expect(c.confidence).toBeUndefined()
  })

  it('uses the pooled sd when the own one is smaller, so identical answers do not claim certainty', () => {
    const s = statementOf(steps(), provider('p', Array(10).fill(62)), provider('q', tenAnswers(50)))
    const pooledSd = Math.sqrt((9 * 400) / 18)
    expect(providerLine(s).confidence?.confidence).toBeCloseTo(
      thresholdConfidence({ index: 62, n: 10, sd: pooledSd }, 60),
      12,
    )
  })

  it('achievement: the sloped band is taken at the index, the classes beyond at their nearest edge', () => {
    const achievement = rule({
      type: 'quality',
      basis: 'provider',
      perClientMax: 100,
      minResponseRate: 0,
      scoring: { mode: 'achievement', threshold: 50, benchmark: 90 },
    })
    const line = providerLine(statementOf(achievement, provider('p', tenAnswers(62))))
    // 1000.00 x (62 - 50) / 40 = 300.00; below 50 nothing; at the benchmark edge 1000.00.
    expect(line.amountCents).toBe(30000)
    const basis = { index: 62, n: 10, sd: 20 }
    const aboveBenchmark = 1 - thresholdConfidence(basis, 90)
    const belowThreshold = 1 - thresholdConfidence(basis, 50)
    const band = 1 - aboveBenchmark - belowThreshold
    expect(line.confidence?.thresholds.map((t) => t.threshold)).toEqual([50, 90])
    expect(line.confidence?.expectedAmountCents).toBe(Math.round(band * 30000 + aboveBenchmark * 100000))
  })

  it('a budget scales the expected amounts with the lines', () => {
    const s = statementOf(steps(), provider('p', tenAnswers(72)))
    const plan = budgetPlan(25000, [{ providerId: 'p', baseCents: 0, otherCents: 50000 }])
    const scaled = scaleToBudget(s.providers[0], plan)
    expect(scaled.totalCents).toBe(25000)
    expect(scaled.expectedTotalCents).toBe(Math.round(53685 / 2))
  })
})
