// Issue 13 through the API: "cannot say" is never top-box, its share is on score rows and diagnostics and
// raises the cannot_say flag, fee rules may score it as the lowest point; opened-only links and break-offs
// are refusals (R) and count in no response rate or fee gate; all-top answers are not straight-lining.
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, call, companyAnswers, type DiagnosticsRow, type Json, type ScoreRow, unique } from './helpers.ts'
import { db } from './seed-scores.ts'

type Answer = number | 'dontknow'

// A: five answers 4, 4, 4, cannot say, cannot say (index 100, not top-box: 10 of 25 answers "cannot say")
// B: five answers at the top (all-top, not straight-lining)
// C: five answers 2, 2, 2, 2, 2 (straight-lining at a non-top point), one "completed" break-off with one item
//    on the scale and four "cannot say" (4 of C's 30 answers), and one link opened and left
const PROBE: Answer[] = [4, 4, 4, 'dontknow', 'dontknow']
const plan: Array<['A' | 'B' | 'C', Answer[] | 'opened']> = [
  ...Array.from({ length: 5 }, (): ['A', Answer[]] => ['A', PROBE]),
  ...Array.from({ length: 5 }, (): ['B', Answer[]] => ['B', [4, 4, 4, 4, 4]]),
  ...Array.from({ length: 5 }, (): ['C', Answer[]] => ['C', [2, 2, 2, 2, 2]]),
  ['C', [4, 'dontknow', 'dontknow', 'dontknow', 'dontknow']],
  ['C', 'opened'],
]

let pid = ''
let procurer = ''
const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' }
const period = 'from=2026-03-01&to=2026-03-31'

beforeAll(async () => {
  pid = (
    await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: {
        name: unique('CannotSay'),
        region: 'Kainuu',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        publication: { minResponses: 3, cautionBelow: 4, minGroup: 3, priorWeight: 5 },
      },
    })
  ).data.id
  procurer = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: pid } })).data.key
  for (const name of ['A', 'B', 'C'] as const)
    ids[name] = (
      await call('POST', `/api/v1/programmes/${pid}/providers`, { key: ADMIN, json: { name: `Provider ${name}` } })
    ).data.id
  const episodes = plan.map(([p], k) => ({
    providerId: ids[p],
    customerType: 'company',
    externalRef: `CS-${k}`,
    startedOn: '2026-03-01',
    endedOn: '2026-03-20',
  }))
  const imported = (await call('POST', `/api/v1/programmes/${pid}/episodes`, { key: procurer, json: { episodes } }))
    .data.episodes
  for (const [k, [, what]] of plan.entries()) {
    const token = imported[k].invitation.token
    if (what === 'opened') await call('GET', `/api/v1/respond/${token}`)
    else {
      const res = await call('PUT', `/api/v1/respond/${token}`, {
        json: { answers: companyAnswers(what), complete: true },
      })
      expect(res.status, JSON.stringify(res.data)).toBe(200)
    }
  }
})

const flagsOf = (row: DiagnosticsRow) => row.integrityFlags as Json[]
const byName = <T extends { name: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.name.slice(-1), r]))

describe('scores', () => {
  it('probe: 4, 4, 4, cannot say, cannot say is not top-box, and the row carries the "cannot say" share', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/scores?${period}`, { key: procurer })
    expect(res.status).toBe(200)
    const { A, B, C } = byName<ScoreRow>(res.data.providers)
    expect(A.qualityIndex.mean).toBe(100)
    expect(A.topBox.share).toBe(0)
    expect(B.topBox.share).toBe(1)
    expect(A.cannotSay).toEqual({ count: 10, n: 25, share: 0.4 })
    expect(B.cannotSay).toEqual({ count: 0, n: 25, share: 0 })
    // the break-off's answers count in the share (it was sent), not in the index or the rate
    expect(C.cannotSay).toEqual({ count: 4, n: 30, share: 4 / 30 })
    expect(res.data.programme.cannotSay).toEqual({ count: 14, n: 80, share: 14 / 80 })
  })

  it('stores each response\'s "cannot say" count as its item rows say (the reads use the stored count)', async () => {
    const { results } = await db()
      .prepare(
        `SELECT r.invitation_id, r.cannot_say AS stored,
           (SELECT COUNT(*) FROM response_items ri WHERE ri.invitation_id = r.invitation_id AND ri.position IS NULL) AS rows
         FROM responses r WHERE r.completed = 1`,
      )
      .all<{ stored: number; rows: number }>()
    expect(results.length).toBeGreaterThan(0)
    expect(results.reduce((t, r) => t + r.rows, 0)).toBeGreaterThan(0)
    for (const r of results) expect(r.stored).toBe(r.rows)
  })

  it('counts a break-off in no response rate: C has 5 completions of 7 invitations', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/scores?${period}`, { key: procurer })
    const { C } = byName<ScoreRow>(res.data.providers)
    expect(C).toMatchObject({ invited: 7, responses: 5 })
    expect(C.responseRate).toBeCloseTo(5 / 7, 12)
  })

  it('shows the public the share of released answers only', async () => {
    const res = await call('GET', `/api/v1/public/programmes/${pid}/ratings?period=2026-03`)
    expect(res.status).toBe(200)
    // A's five answers release three (whole chunks of minGroup 3): 6 of 15 answers "cannot say"
    expect(byName<ScoreRow>(res.data.providers).A.cannotSay).toEqual({ count: 6, n: 15, share: 0.4 })
  })
})

describe('diagnostics', () => {
  it('codes the opened-only link and the break-off as refusals (R)', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${period}`, { key: procurer })
    expect(res.status).toBe(200)
    const { C } = byName<DiagnosticsRow>(res.data.providers)
    expect(C.outcomes).toEqual({ I: 5, P: 0, R: 2, O: 0, NC: 0 })
    expect(C.rates.rr1).toBeCloseTo(5 / 7, 12)
  })

  it('flags a "cannot say" share above twice the programme median and 10 %', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${period}`, { key: procurer })
    const { A, B, C } = byName<DiagnosticsRow>(res.data.providers)
    // shares 0.4, 0 and 4/30: median 4/30, limit max(2 x 4/30, 0.1) = 8/30
    expect(res.data.programme.medianProviderCannotSayShare).toBeCloseTo(4 / 30, 12)
    expect(res.data.programme.cannotSay).toEqual({ count: 14, n: 80, share: 14 / 80 })
    expect(A.cannotSay).toEqual({ count: 10, n: 25, share: 0.4 })
    const flag = flagsOf(A).find((f) => f.flag === 'cannot_say')
    expect(flag?.evidence).toMatchObject({ count: 10, itemAnswers: 25, share: 0.4 })
    expect(flag?.evidence.limit).toBeCloseTo(8 / 30, 12)
    expect(flagsOf(C).map((f) => f.flag)).not.toContain('cannot_say')
    // all-top answers are not straight-lining; five answers all at point 2 (of 6 completions) are
    expect(flagsOf(B).map((f) => f.flag)).not.toContain('straight_lining')
    expect(flagsOf(C).find((f) => f.flag === 'straight_lining')?.evidence).toMatchObject({
      count: 5,
      completions: 6,
    })
  })
})

describe('fees', () => {
  it('probe: allTop pays nothing for A; lowest scores "cannot say" at the bottom; break-offs fail the gate', async () => {
    const quality = (over: Json) => ({ type: 'quality', basis: 'client', perClientMax: 100, ...over })
    const rules = [
      { currency: 'EUR', components: [quality({ scoring: { mode: 'allTop' } })] },
      { currency: 'EUR', components: [quality({ scoring: { mode: 'linear' } })] },
      { currency: 'EUR', components: [quality({ scoring: { mode: 'linear' }, cannotSay: 'lowest' })] },
      {
        currency: 'EUR',
        // five answers: below the default minimum of 10, and unshrunk so the arithmetic shows
        components: [
          quality({
            basis: 'provider',
            scoring: { mode: 'linear' },
            cannotSay: 'lowest',
            minResponses: 1,
            index: 'raw',
          }),
        ],
      },
      { currency: 'EUR', components: [quality({ scoring: { mode: 'linear' }, minResponseRate: 0.9 })] },
    ]
    const res = await call('POST', `/api/v1/programmes/${pid}/fee-simulations`, {
      key: procurer,
      json: { from: '2026-03-01', to: '2026-03-31', rules },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    const { A, B, C } = byName<{ name: string; amounts: string[] }>(res.data.providers)
    // A: allTop 0; exclude 5 x 100; lowest 5 x 60 (client and provider basis); the gate passes (5 of 5)
    expect(A.amounts).toEqual(['0.00', '500.00', '300.00', '300.00', '500.00'])
    expect(B.amounts[0]).toBe('500.00')
    // C: 5 completions of 6 closed invitations (the break-off is no completion) = 0.833 < 0.9: no quality fee
    expect(C.amounts[4]).toBe('0.00')
  })

  it('refuses cannotSay with an unknown value, naming the field', async () => {
    const res = await call('POST', `/api/v1/programmes/${pid}/fee-simulations`, {
      key: procurer,
      json: {
        from: '2026-03-01',
        to: '2026-03-31',
        rules: [
          {
            currency: 'EUR',
            components: [
              { type: 'quality', basis: 'client', perClientMax: 1, scoring: { mode: 'linear' }, cannotSay: 'zero' },
            ],
          },
        ],
      },
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues[0].path).toBe('rules[0].components[0].cannotSay')
  })
})
