import { beforeAll, describe, expect, it } from 'vitest'
import { documentedShapes } from './documented-shapes.ts'
import { call, type Json } from './helpers.ts'
import { addClient, complete, programmeWith } from './seed-scores.ts'

// The worked example of docs/METHODS.md with a third provider. Within every provider companies answer 20
// points above jobseekers, so b(company) = 20 (reference: jobseeker, 9 of 17 answers).
//   A: company 75, 85, 80, 80; jobseeker 60, 60      raw 440/6 = 73.333, company share 4/6
//   B: company 70; jobseeker 50 x 4                   raw 270/5 = 54,     company share 1/5
//   C: company 70 x 3; jobseeker 50 x 3               raw 360/6 = 60,     company share 3/6
// Programme company share 8/17. Adjusted: A 73.333 + 20 (8/17 - 4/6) = 69.412; B 54 + 20 (8/17 - 1/5) = 59.412;
// C 60 + 20 (8/17 - 1/2) = 59.412: B and C serve each type equally well, and A 10 points better.
const ANSWERS = {
  A: { company: [75, 85, 80, 80], jobseeker: [60, 60] },
  B: { company: [70], jobseeker: [50, 50, 50, 50] },
  C: { company: [70, 70, 70], jobseeker: [50, 50, 50] },
} as const
const period = 'period=2026-03'

let s: Awaited<ReturnType<typeof programmeWith>>
let doc: Json

beforeAll(async () => {
  s = await programmeWith(3, 3)
  const names = ['A', 'B', 'C'] as const
  for (const [k, name] of names.entries()) {
    for (const type of ['company', 'jobseeker'] as const) {
      for (const index of ANSWERS[name][type]) {
        const client = await addClient(s.pid, s.ids[k], type, '2026-03-10')
        await complete(client, '2026-03-17T09:00:00.000Z', index, false)
      }
    }
  }
  doc = (await call('GET', '/api/v1/openapi.json')).data
})

/** Checks a body against its documented shape, every object closed so an undocumented field fails. */
const check = (name: string, body: unknown) => documentedShapes(doc)(name, body)

// Five or six answers a provider: below the default minimum of 10, so the rule lowers it.
const ADJUSTED_LINEAR = {
  type: 'quality',
  basis: 'provider',
  index: 'adjusted',
  minResponses: 1,
  scoring: { mode: 'linear' },
}

const adjustedOf = (scores: Json) => scores.providers.map((p: Json) => p.qualityIndex.adjusted)

describe('case-mix adjustment', () => {
  it('is off by default: no adjusted index and no model in the diagnostics', async () => {
    const programme = await call('GET', `/api/v1/programmes/${s.pid}`, { key: s.procurer })
    expect(programme.data.caseMix).toBe(false)
    const scores = await call('GET', `/api/v1/programmes/${s.pid}/scores?${period}`, { key: s.procurer })
    expect(scores.data.providers[0].qualityIndex).not.toHaveProperty('adjusted')
    const diagnostics = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?${period}`, { key: s.procurer })
    expect(diagnostics.data).not.toHaveProperty('caseMix')
  })

  it('rejects a setting that is not true or false, naming caseMix, and changes nothing', async () => {
    const bad = await call('PATCH', `/api/v1/programmes/${s.pid}`, { key: s.procurer, json: { caseMix: 'yes' } })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues[0].path).toBe('caseMix')
    const provider = await call('PATCH', `/api/v1/programmes/${s.pid}`, { key: s.keys[0], json: { caseMix: true } })
    expect(provider.status).toBe(403)
    expect((await call('GET', `/api/v1/programmes/${s.pid}`, { key: s.procurer })).data.caseMix).toBe(false)
  })

  it('a fee rule may not pay by the adjusted index while the adjustment is off', async () => {
    const rule = { currency: 'EUR', components: [{ ...ADJUSTED_LINEAR, perClientMax: 100 }] }
    const put = await call('PUT', `/api/v1/programmes/${s.pid}/fee-rule`, { key: s.procurer, json: rule })
    expect(put.status).toBe(422)
    expect(put.data.error.issues[0].path).toBe('components[0].index')
    expect(put.data.error.issues[0].message).toMatch(/caseMix/)
  })

  describe('turned on by the procurer', () => {
    beforeAll(async () => {
      const on = await call('PATCH', `/api/v1/programmes/${s.pid}`, { key: s.procurer, json: { caseMix: true } })
      expect(on.status).toBe(200)
      expect(on.data.caseMix).toBe(true)
      check('Programme', on.data)
    })

    it('puts the adjusted index beside the raw one in every provider row', async () => {
      const scores = await call('GET', `/api/v1/programmes/${s.pid}/scores?${period}`, { key: s.procurer })
      check('ScoreTable', scores.data)
      const [a, b, c] = adjustedOf(scores.data)
      expect(scores.data.providers.map((p: Json) => p.qualityIndex.mean)).toEqual([440 / 6, 54, 60])
      expect(a).toBeCloseTo(440 / 6 + 20 * (8 / 17 - 4 / 6), 9)
      expect(a).toBeCloseTo(69.412, 3)
      expect(b).toBeCloseTo(59.412, 3)
      expect(c).toBeCloseTo(59.412, 3)
      expect(scores.data.programme.qualityIndex).not.toHaveProperty('adjusted')
    })

    it('shows the coefficients with their n in the diagnostics', async () => {
      const diagnostics = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?${period}`, { key: s.procurer })
      check('Diagnostics', diagnostics.data)
      const fit = diagnostics.data.caseMix
      expect(fit).toMatchObject({
        n: 17,
        providers: 3,
        references: [{ variable: 'customerType', level: 'jobseeker', n: 9 }],
        dropped: ['serviceType', 'riskClass', 'language', 'daysToAnswer'],
      })
      expect(fit.terms).toHaveLength(1)
      expect(fit.terms[0]).toMatchObject({ variable: 'customerType', level: 'company', n: 8 })
      expect(fit.terms[0].coefficient).toBeCloseTo(20, 9)
    })

    it('fits on the rows asked for: one customer type leaves nothing to adjust for', async () => {
      const scores = await call('GET', `/api/v1/programmes/${s.pid}/scores?${period}&customerType=company`, {
        key: s.procurer,
      })
      const raw = scores.data.providers.map((p: Json) => p.qualityIndex.mean)
      adjustedOf(scores.data).forEach((v: number, i: number) => {
        expect(v).toBeCloseTo(raw[i], 9)
      })
    })

    it('a provider key gets a model of released answers only, with no level of fewer than minGroup answers', async () => {
      const own = await call('GET', `/api/v1/programmes/${s.pid}/scores?${period}`, { key: s.keys[1] })
      check('ScoreTable', own.data)
      expect(own.data.providers).toHaveLength(1)
      expect(own.data.providers[0].qualityIndex).toHaveProperty('adjusted')
      const diagnostics = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?${period}`, { key: s.keys[1] })
      check('Diagnostics', diagnostics.data)
      // Released: A company 3, A jobseeker 0, B company 0, B jobseeker 3, C 3 + 3 = 12 answers.
      expect(diagnostics.data.caseMix.n).toBe(12)
      for (const term of diagnostics.data.caseMix.terms) expect(term.n).toBeGreaterThanOrEqual(3)
    })

    it('a fee rule pays by the adjusted index when it asks for it', async () => {
      const raw = { currency: 'EUR', components: [{ ...ADJUSTED_LINEAR, index: 'raw', perClientMax: 100 }] }
      const adjusted = { currency: 'EUR', components: [{ ...ADJUSTED_LINEAR, perClientMax: 100 }] }
      const put = await call('PUT', `/api/v1/programmes/${s.pid}/fee-rule`, { key: s.procurer, json: adjusted })
      expect(put.status).toBe(201)
      const res = await call('POST', `/api/v1/programmes/${s.pid}/fee-simulations`, {
        key: s.procurer,
        json: { from: '2026-03-01', to: '2026-03-31', rules: [raw, adjusted] },
      })
      expect(res.status).toBe(200)
      // A: 6 x 100 x 0.73333 = 440.00 raw, x 0.694118 = 416.47 adjusted; B: 5 x 100 x 0.54 = 270.00 and
      // x 0.594118 = 297.06; C: 6 x 100 x 0.60 = 360.00 and x 0.594118 = 356.47.
      const amounts = Object.fromEntries(res.data.providers.map((p: Json) => [p.providerId, p.amounts]))
      expect(amounts[s.ids[0]]).toEqual(['440.00', '416.47'])
      expect(amounts[s.ids[1]]).toEqual(['270.00', '297.06'])
      expect(amounts[s.ids[2]]).toEqual(['360.00', '356.47'])
    })

    it('refuses the adjusted index with valueBased scoring (its baseline is raw)', async () => {
      const rule = {
        currency: 'EUR',
        components: [
          {
            ...ADJUSTED_LINEAR,
            perClientMax: 100,
            scoring: { mode: 'valueBased', baseline: { from: '2025-01-01', to: '2025-12-31' } },
          },
        ],
      }
      const put = await call('PUT', `/api/v1/programmes/${s.pid}/fee-rule`, { key: s.procurer, json: rule })
      expect(put.status).toBe(422)
      expect(put.data.error.issues.map((i: Json) => i.path)).toContain('components[0].index')
    })
  })
})
