// Issue 13, "cannot say": the probes as pure domain tests. 4, 4, 4, cannot say, cannot say on five four-point
// items is not top-box and earns nothing under allTop; a fee rule may score "cannot say" as the bottom point.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FeeRule } from '../src/domain/fee-rule.ts'
import type { FeeClient, FeeInputs } from '../src/domain/fees.ts'
import { computeStatement } from '../src/domain/fees.ts'
import { scoreResponse } from '../src/domain/response-score.ts'
import { type ScoreSums, scoreTable } from '../src/domain/scores.ts'
import { parseFeeRule } from '../src/schemas/fee-rule.ts'

const ITEMS = ['q1', 'q2', 'q3', 'q4', 'q5'].map((name) => ({ name, values: [1, 2, 3, 4], notApplicable: 'dk' }))
type Answer = 1 | 2 | 3 | 4 | 'dk'

/** A client whose completed response is scored as the app scores it (scoreResponse), items included. */
function client(ref: string, answers: Answer[]): FeeClient {
  const score = scoreResponse(ITEMS, Object.fromEntries(ITEMS.map((it, k) => [it.name, answers[k]])))
  return {
    episodeId: `ep-${ref}`,
    externalRef: ref,
    riskClass: null,
    serviceType: null,
    startedOn: '2027-01-10',
    endedOn: '2027-02-15',
    outcomes: [],
    response: {
      qualityIndex: score.qualityIndex,
      allTop: score.allTop,
      items: Object.fromEntries(score.items.map((i) => [i.item, { position: i.position, points: i.points }])),
    },
  }
}

function rule(...components: unknown[]): FeeRule {
  const parsed = parseFeeRule({ currency: 'EUR', components }, 'EUR')
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.rule
}

const inputs = (...clients: FeeClient[]): FeeInputs => ({
  currency: 'EUR',
  providers: [{ providerId: 'p', name: 'P', clients, invited: clients.length, completed: clients.length }],
})

const total = (r: FeeRule, i: FeeInputs) => computeStatement(r, i).providers[0].totalCents

const PROBE: Answer[] = [4, 4, 4, 'dk', 'dk']
const LOW: Answer[] = [4, 4, 4, 1, 1]

describe('top box', () => {
  it('probe: 4, 4, 4, cannot say, cannot say scores 100 and is not top-box; 4, 4, 4, 1, 1 scores 60', () => {
    expect(scoreResponse(ITEMS, { q1: 4, q2: 4, q3: 4, q4: 'dk', q5: 'dk' })).toMatchObject({
      qualityIndex: 100,
      allTop: false,
    })
    expect(client('x', LOW).response).toMatchObject({ qualityIndex: 60, allTop: false })
  })

  it('probe: allTop pays nothing for 4, 4, 4, cannot say, cannot say, all of it for five tops', () => {
    const allTop = rule({ type: 'quality', basis: 'client', perClientMax: 700, scoring: { mode: 'allTop' } })
    expect(total(allTop, inputs(client('a', PROBE)))).toBe(0)
    expect(total(allTop, inputs(client('a', [4, 4, 4, 4, 4])))).toBe(70_000)
    const listed = rule({
      type: 'quality',
      basis: 'client',
      perClientMax: 700,
      scoring: { mode: 'allTop', items: ['q1', 'q4'] },
    })
    expect(total(listed, inputs(client('a', PROBE)))).toBe(0)
  })

  it('is never set by a "cannot say" answer (property over every answer pattern)', () => {
    const answer = fc.constantFrom<Answer>(1, 2, 3, 4, 'dk')
    fc.assert(
      fc.property(fc.array(answer, { minLength: 5, maxLength: 5 }), (answers) => {
        const c = client('a', answers)
        expect(c.response!.allTop).toBe(answers.every((a) => a === 4))
      }),
    )
  })
})

describe('fee rule cannotSay', () => {
  const linear = (basis: 'client' | 'provider', cannotSay?: string) =>
    rule({
      type: 'quality',
      basis,
      perClientMax: 700,
      scoring: { mode: 'linear' },
      ...(cannotSay ? { cannotSay } : {}),
      // one or two clients: below the default minimum of 10 answers, and unshrunk so the arithmetic shows
      ...(basis === 'provider' ? { minResponses: 1, index: 'raw' } : {}),
    })

  it('defaults to exclude: the probe earns as if "cannot say" were not asked (index 100)', () => {
    expect(linear('client').components[0]).toMatchObject({ cannotSay: 'exclude' })
    expect(total(linear('client'), inputs(client('a', PROBE)))).toBe(70_000)
    expect(total(linear('provider'), inputs(client('a', PROBE)))).toBe(70_000)
  })

  it('lowest scores "cannot say" as the bottom point: the probe earns what 4, 4, 4, 1, 1 earns (index 60)', () => {
    for (const basis of ['client', 'provider'] as const) {
      // client: 700 x 60 / 100 = 420; provider: Q = 60, factor 0.6 x 700
      expect(total(linear(basis, 'lowest'), inputs(client('a', PROBE)))).toBe(42_000)
      expect(total(linear(basis, 'lowest'), inputs(client('a', LOW)))).toBe(42_000)
    }
    // two clients, provider basis: Q = (60 + 100) / 2 = 80 under lowest, 100 under exclude; 2 x 700 x 0.8 = 1120
    const two = inputs(client('a', PROBE), client('b', [4, 4, 4, 4, 4]))
    expect(total(linear('provider', 'lowest'), two)).toBe(112_000)
    expect(total(linear('provider'), two)).toBe(140_000)
  })

  it('lowest never makes a response count that has fewer than half of its items on the scale', () => {
    const few = client('a', [4, 4, 'dk', 'dk', 'dk'])
    expect(few.response!.qualityIndex).toBeNull()
    expect(total(linear('client', 'lowest'), inputs(few))).toBe(0)
  })

  it('lowest steps over listed items: (100 + 0) / 2 = 50 reaches the 50 step', () => {
    const steps = rule({
      type: 'quality',
      basis: 'client',
      perClientMax: 1000,
      cannotSay: 'lowest',
      scoring: {
        mode: 'steps',
        items: ['q1', 'q4'],
        steps: [
          { minIndex: 90, share: 1 },
          { minIndex: 50, share: 0.5 },
        ],
      },
    })
    expect(total(steps, inputs(client('a', PROBE)))).toBe(50_000)
    expect(
      total(
        { ...steps, components: [{ ...steps.components[0], cannotSay: 'exclude' }] } as FeeRule,
        inputs(client('a', PROBE)),
      ),
    ).toBe(100_000)
  })

  it('never pays more under lowest than under exclude (property)', () => {
    const answer = fc.constantFrom<Answer>(1, 2, 3, 4, 'dk')
    const response = fc.array(answer, { minLength: 5, maxLength: 5 })
    fc.assert(
      fc.property(
        fc.array(response, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('client', 'provider'),
        (rs, basis) => {
          const i = inputs(...rs.map((a, k) => client(`c${k}`, a)))
          const b = basis as 'client' | 'provider'
          expect(total(linear(b, 'lowest'), i)).toBeLessThanOrEqual(total(linear(b), i))
        },
      ),
    )
  })

  it('refuses an unknown value and lowest with valueBased, naming the field', () => {
    const bad = parseFeeRule(
      {
        currency: 'EUR',
        components: [
          { type: 'quality', basis: 'client', perClientMax: 1, scoring: { mode: 'linear' }, cannotSay: 'zero' },
        ],
      },
      'EUR',
    )
    expect(bad).toEqual({
      ok: false,
      issues: [{ path: 'components[0].cannotSay', message: 'must be one of: "exclude", "lowest"' }],
    })
    const valueBased = parseFeeRule(
      {
        currency: 'EUR',
        components: [
          {
            type: 'quality',
            basis: 'provider',
            perClientMax: 1,
            cannotSay: 'lowest',
            scoring: { mode: 'valueBased', baseline: { from: '2026-01-01', to: '2026-12-31' } },
          },
        ],
      },
      'EUR',
    )
    expect(valueBased.ok).toBe(false)
    if (!valueBased.ok) expect(valueBased.issues.map((i) => i.path)).toEqual(['components[0].cannotSay'])
  })
})

describe('the "cannot say" share of a score row', () => {
  const sums = (providerId: string, n: number, itemAnswers: number, cannotSay: number): ScoreSums => ({
    providerId,
    name: providerId,
    clients: n,
    invited: n,
    completed: n,
    n,
    sum: 80 * n,
    sumOfSquares: 6400 * n,
    topBox: 0,
    itemAnswers,
    cannotSay,
  })
  const publication = { minResponses: 3, cautionBelow: 5, minGroup: 3, priorWeight: 5 }
  const rows = [sums('a', 5, 25, 10), sums('b', 2, 10, 1), sums('c', 4, 20, 0)]

  it('is count / n of the answers to scored items, for every provider and the programme', () => {
    const table = scoreTable(rows, publication, 'procurer')
    expect(table.providers.map((p) => p.cannotSay)).toEqual([
      { count: 10, n: 25, share: 0.4 },
      { count: 1, n: 10, share: 0.1 },
      { count: 0, n: 20, share: 0 },
    ])
    expect(table.programme.cannotSay).toEqual({ count: 11, n: 55, share: 0.2 })
  })

  it('is hidden from provider keys and the public below minGroup, as the other figures are', () => {
    for (const audience of ['provider', 'public'] as const) {
      const table = scoreTable(rows, publication, audience)
      expect(table.providers[0].cannotSay.share).toBe(0.4)
      expect(table.providers[1].cannotSay).toEqual({ count: null, n: null, share: null })
    }
    // two providers only: the programme figure would give the other's away
    const two = scoreTable(rows.slice(0, 2), publication, 'public')
    expect(two.programme.cannotSay).toEqual({ count: null, n: null, share: null })
  })
})
