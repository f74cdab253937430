import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adjustedIndex, type CaseMixCell, fitCaseMix, solveNormalEquations } from '../src/domain/case-mix.ts'

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) => {
  expect(actual).not.toBeNull()
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance)
}

/** A cell of the given answers; background defaults: company, no service type or risk class, fi, 7 days. */
function cell(providerId: string, answers: number[], background: Partial<CaseMixCell> = {}): CaseMixCell {
  return {
    providerId,
    customerType: 'company',
    serviceType: null,
    riskClass: null,
    language: 'fi',
    daysToAnswer: 7,
    ...background,
    n: answers.length,
    sum: answers.reduce((t, v) => t + v, 0),
    sumOfSquares: answers.reduce((t, v) => t + v * v, 0),
  }
}

// The worked example of docs/METHODS.md. Within both providers companies answer 20 points above jobseekers,
// and A serves more companies. Fixed effects put b(company) at exactly 20.
// A: company 75, 85, 80, 80 (mean 80), jobseeker 60, 60; raw (320 + 120) / 6 = 73.333
// B: company 70, jobseeker 50, 50, 50, 50; raw (70 + 200) / 5 = 54
// Programme: 710 / 11 = 64.545; company share 5/11 (reference jobseeker, 6 answers); A 4/6, B 1/5.
// adjusted A = 73.333 + 20 (5/11 - 4/6) = 73.333 - 4.242 = 69.091
// adjusted B = 54 + 20 (5/11 - 1/5) = 54 + 5.091 = 59.091; (6 x 69.091 + 5 x 59.091) / 11 = 64.545.
const example = [
  cell('A', [75, 85, 80, 80]),
  cell('A', [60, 60], { customerType: 'jobseeker' }),
  cell('B', [70]),
  cell('B', [50, 50, 50, 50], { customerType: 'jobseeker' }),
]

describe('fitCaseMix', () => {
  it('the worked example: b = 20, adjusted 69.09 and 59.09', () => {
    const fit = fitCaseMix(example, 3)!
    expect(fit.n).toBe(11)
    expect(fit.providers).toBe(2)
    expect(fit.references).toEqual([{ variable: 'customerType', level: 'jobseeker', n: 6 }])
    expect(fit.terms).toHaveLength(1)
    expect(fit.terms[0]).toMatchObject({ variable: 'customerType', level: 'company', n: 5 })
    close(fit.terms[0].coefficient, 20)
    // No other variable varies.
    expect(fit.dropped).toEqual(['serviceType', 'riskClass', 'language', 'daysToAnswer'])
    close(adjustedIndex(440 / 6, fit, 'A'), 440 / 6 + 20 * (5 / 11 - 4 / 6))
    close(adjustedIndex(440 / 6, fit, 'A'), 69.0909, 1e-4)
    close(adjustedIndex(54, fit, 'B'), 59.0909, 1e-4)
    // Within-provider sum of squares 583.33 + 320 = 903.33, of which b x r = 20 x 42.667 = 853.33 explained.
    close(fit.rSquared, 853.3333 / 903.3333, 1e-6)
  })

  it('a level with fewer answers than the minimum group gets no coefficient: it stays in the reference', () => {
    const cells = [...example, cell('B', [90, 90], { customerType: 'jobseeker', language: 'sv' })]
    const fit = fitCaseMix(cells, 3)!
    expect(fit.terms.map((t) => t.variable)).toEqual(['customerType'])
    expect(fit.dropped).toContain('language')
    // With minGroup 2 the two Swedish answers are enough for a coefficient.
    const small = fitCaseMix(cells, 2)!
    expect(small.terms.map((t) => [t.variable, t.level])).toEqual([
      ['customerType', 'company'],
      ['language', 'sv'],
    ])
    expect(small.references).toContainEqual({ variable: 'language', level: 'fi', n: 11 })
  })

  it('a variable that only varies between providers is aliased with them: no coefficient, no adjustment', () => {
    // Every answer of A is in Swedish and of B in Finnish: language cannot be told apart from the provider.
    const cells = [
      ...example.filter((c) => c.providerId === 'A').map((c) => ({ ...c, language: 'sv' })),
      ...example.filter((c) => c.providerId === 'B'),
    ]
    const fit = fitCaseMix(cells, 3)!
    const language = fit.terms.find((t) => t.variable === 'language')!
    expect(language.coefficient).toBeNull()
    close(fit.terms.find((t) => t.variable === 'customerType')!.coefficient, 20)
  })

  it('fits a slope per day to answer, within providers', () => {
    // Within each provider every day later costs 2 points; B is 10 points better at every delay.
    const cells = [0, 5, 10, 20].flatMap((d) => [
      cell('A', [70 - 2 * d], { daysToAnswer: d }),
      cell('B', [80 - 2 * d, 80 - 2 * d], { daysToAnswer: d }),
    ])
    const fit = fitCaseMix(cells, 3)!
    expect(fit.terms).toEqual([{ variable: 'daysToAnswer', level: null, n: 12, coefficient: expect.any(Number) }])
    close(fit.terms[0].coefficient, -2)
    close(fit.rSquared, 1)
  })

  it('needs a residual degree of freedom: no fit with as many answers as providers plus columns', () => {
    expect(fitCaseMix([], 3)).toBeNull()
    expect(fitCaseMix([cell('A', [50]), cell('B', [60])], 3)).toBeNull()
    expect(fitCaseMix([cell('A', [50, 60]), cell('B', [60])], 3)).not.toBeNull()
  })

  it('ignores empty cells and does not depend on the order of the cells', () => {
    const a = fitCaseMix([...example, cell('C', [])], 3)!
    const b = fitCaseMix([...example].reverse(), 3)!
    expect(a.terms).toEqual(b.terms)
    expect(a.adjustments.has('C')).toBe(false)
    close(a.adjustments.get('A'), b.adjustments.get('A')!)
  })
})

describe('adjustedIndex', () => {
  it('is null without a raw index, a fit or answers of the provider', () => {
    const fit = fitCaseMix(example, 3)
    expect(adjustedIndex(null, fit, 'A')).toBeNull()
    expect(adjustedIndex(50, null, 'A')).toBeNull()
    expect(adjustedIndex(50, fit, 'Z')).toBeNull()
  })

  it('stays on the scale 0..100', () => {
    const fit = fitCaseMix(example, 3)
    // B's adjustment is +5.09: a raw 98 would be 103.09.
    expect(adjustedIndex(98, fit, 'B')).toBe(100)
    // A's is -4.24.
    expect(adjustedIndex(2, fit, 'A')).toBe(0)
  })
})

describe('solveNormalEquations', () => {
  it('solves a positive definite system and reports an aliased column as null', () => {
    // S = [[4, 2], [2, 3]], b = (1, 2): r = (8, 8).
    const [b1, b2] = solveNormalEquations(
      [
        [4, 2],
        [2, 3],
      ],
      [8, 8],
    )
    close(b1, 1)
    close(b2, 2)
    // The second column is twice the first: S = X'X with X = [[1, 2], [1, 2]]
    const aliased = solveNormalEquations(
      [
        [2, 4],
        [4, 8],
      ],
      [6, 12],
    )
    close(aliased[0], 3)
    expect(aliased[1]).toBeNull()
  })

  it("recovers b from X'X and X'Xb for full-rank X", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((k) =>
          fc.record({
            x: fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: k, maxLength: k }), {
              minLength: k + 2,
              maxLength: 12,
            }),
            b: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: k, maxLength: k }),
          }),
        ),
        ({ x, b }) => {
          const k = b.length
          const s = Array.from({ length: k }, (_, i) =>
            Array.from({ length: k }, (_, j) => x.reduce((t, row) => t + row[i] * row[j], 0)),
          )
          const r = s.map((row) => row.reduce((t, v, j) => t + v * b[j], 0))
          const solved = solveNormalEquations(s, r)
          // Only a well-conditioned (full-rank) X must give b back; a singular one must name its aliased columns.
          if (solved.includes(null)) return
          solved.forEach((v, i) => {
            expect(Math.abs((v as number) - b[i])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(b[i])))
          })
        },
      ),
    )
  })
})

const backgrounds = fc.record({
  customerType: fc.constantFrom('company', 'jobseeker'),
  serviceType: fc.constantFrom(null, 'coaching', 'training'),
  riskClass: fc.constantFrom(null, 'low', 'high'),
  language: fc.constantFrom('fi', 'sv', 'en'),
  daysToAnswer: fc.integer({ min: 0, max: 40 }),
})
const answers = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 })
const cellsArb = fc.array(
  fc.record({ providerId: fc.constantFrom('A', 'B', 'C', 'D'), background: backgrounds, answers }),
  { minLength: 1, maxLength: 40 },
)
const toCells = (rows: Array<{ providerId: string; background: Partial<CaseMixCell>; answers: number[] }>) =>
  rows.map((r) => cell(r.providerId, r.answers, r.background))
const rawOf = (cells: CaseMixCell[], id: string) => {
  const own = cells.filter((c) => c.providerId === id)
  return own.reduce((t, c) => t + c.sum, 0) / own.reduce((t, c) => t + c.n, 0)
}

describe('case-mix properties', () => {
  it('the n-weighted mean of the adjusted indices is the programme mean', () => {
    fc.assert(
      fc.property(cellsArb, fc.integer({ min: 1, max: 5 }), (rows, minGroup) => {
        const cells = toCells(rows)
        const fit = fitCaseMix(cells, minGroup)
        if (fit === null) return
        const total = cells.reduce((t, c) => t + c.n, 0)
        const programmeMean = cells.reduce((t, c) => t + c.sum, 0) / total
        let weighted = 0
        for (const id of fit.adjustments.keys()) {
          const n = cells.filter((c) => c.providerId === id).reduce((t, c) => t + c.n, 0)
          weighted += n * (rawOf(cells, id) + fit.adjustments.get(id)!)
        }
        expect(Math.abs(weighted / total - programmeMean)).toBeLessThanOrEqual(1e-7)
      }),
    )
  })

  it('when every provider has the same mix, adjusted = raw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ background: backgrounds, n: fc.integer({ min: 1, max: 4 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 16, maxLength: 16 }),
        fc.integer({ min: 1, max: 5 }),
        (mix, values, minGroup) => {
          // Each provider answers k times in each background, k = 1 or 2: the same shares, not the same counts.
          const cells = ['A', 'B', 'C'].flatMap((id, p) =>
            mix.map((m, i) =>
              cell(
                id,
                Array.from({ length: m.n * (1 + (p % 2)) }, (_, j) => values[(i + j + p) % values.length]),
                m.background,
              ),
            ),
          )
          const fit = fitCaseMix(cells, minGroup)
          if (fit === null) return
          for (const adjustment of fit.adjustments.values()) expect(Math.abs(adjustment)).toBeLessThanOrEqual(1e-7)
        },
      ),
    )
  })

  it('a provider that is better at everything does not move the coefficients (provider fixed effects)', () => {
    fc.assert(
      fc.property(cellsArb, fc.integer({ min: -30, max: 30 }), (rows, shift) => {
        const cells = toCells(rows)
        const shifted = cells.map((c) =>
          c.providerId === 'A'
            ? { ...c, sum: c.sum + shift * c.n, sumOfSquares: c.sumOfSquares + 2 * shift * c.sum + shift * shift * c.n }
            : c,
        )
        const fit = fitCaseMix(cells, 3)
        const after = fitCaseMix(shifted, 3)
        if (fit === null) return
        fit.terms.forEach((t, i) => {
          const moved = after!.terms[i].coefficient
          if (t.coefficient === null) expect(moved).toBeNull()
          else
            expect(Math.abs((moved as number) - t.coefficient)).toBeLessThanOrEqual(
              1e-6 * (1 + Math.abs(t.coefficient)),
            )
        })
      }),
    )
  })
})
