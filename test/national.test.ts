// The ministry's view (issue 16): the national key role and GET /api/v1/national/comparison, whose every figure
// must be the one the programme's public ratings give for the same period, customer type and series.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { publicRIndicator } from '../src/app/national.ts'
import { documentedShapes } from './documented-shapes.ts'
import { ADMIN, call, type Json, setupProgramme } from './helpers.ts'
import { addClient, complete, decline, programmeWith, surveyWithVersions } from './seed-scores.ts'

const nationalKey = async (over: Record<string, unknown> = {}) =>
  (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'national', label: 'Ministry', ...over } })).data

const comparison = (query: string, key: string) => call('GET', `/api/v1/national/comparison?${query}`, { key })
const publicRatings = (pid: string, query: string) => call('GET', `/api/v1/public/programmes/${pid}/ratings?${query}`)

/** `n` clients of a provider ending in `month`, answering with the given indices (null: declines). */
async function answers(pid: string, provider: string, month: string, indices: Array<number | null>, survey: string) {
  for (const [k, index] of indices.entries()) {
    const c = await addClient(pid, provider, 'company', `${month}-${String(10 + (k % 15)).padStart(2, '0')}`, {
      id: survey,
      version: 1,
    })
    const at = `${month}-28T${String(10 + (k % 10)).padStart(2, '0')}:00:${String(k % 60).padStart(2, '0')}.000Z`
    if (index === null) await decline(c, at)
    else await complete(c, at, index, index >= 90)
  }
}

describe('national keys', () => {
  it('are made by the admin only, with no programme or provider, and can be revoked', async () => {
    const created = await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'national', label: 'TEM' } })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ role: 'national', programmeId: null, providerId: null, label: 'TEM' })
    expect(created.data.key).toMatch(/^lk_/)
    expect((await call('GET', '/api/v1/me', { key: created.data.key })).data).toEqual({
      role: 'national',
      keyId: created.data.id,
    })

    const { keyA, procurerKey } = await setupProgramme()
    const unscoped = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer' } })).data.key
    for (const key of [procurerKey, unscoped, keyA, created.data.key]) {
      const res = await call('POST', '/api/v1/keys', { key, json: { role: 'national' } })
      expect(res.status).toBe(403)
      expect(res.data.error.code).toBe('forbidden')
    }
    const scoped = await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'national', programmeId: 'prg_1' } })
    expect(scoped.status).toBe(422)
    expect(scoped.data.error.issues.map((i: Json) => i.path)).toContain('')

    // Only the admin revokes it; then it fails its next request.
    expect((await call('DELETE', `/api/v1/keys/${created.data.id}`, { key: unscoped })).status).toBe(403)
    const revoked = await call('DELETE', `/api/v1/keys/${created.data.id}`, { key: ADMIN })
    expect(revoked.status).toBe(200)
    expect(revoked.data.revokedAt).not.toBeNull()
    expect((await comparison('survey=cx-company&period=2027', created.data.key)).status).toBe(401)
  })

  it('stop working when they expire', async () => {
    const key = await nationalKey({ expiresAt: '2020-01-01T00:00:00Z' })
    expect((await call('GET', '/api/v1/me', { key: key.key })).status).toBe(401)
    expect((await comparison('survey=cx-company', key.key)).status).toBe(401)
  })

  it('get 403 with a JSON error on every keyed route but the national reads and /me', async () => {
    const { key } = await nationalKey()
    const { programme, providerA } = await setupProgramme()
    const pid = programme.id
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/programmes'],
      ['POST', '/api/v1/programmes', { name: 'X', region: 'Y', currency: 'EUR' }],
      ['GET', `/api/v1/programmes/${pid}`],
      ['PATCH', `/api/v1/programmes/${pid}`, { name: 'X' }],
      ['GET', `/api/v1/programmes/${pid}/providers`],
      ['POST', `/api/v1/programmes/${pid}/providers`, { name: 'X' }],
      ['GET', `/api/v1/programmes/${pid}/scores?period=2027`],
      ['GET', `/api/v1/programmes/${pid}/diagnostics?period=2027`],
      ['GET', `/api/v1/programmes/${pid}/comments?period=2027`],
      ['GET', `/api/v1/programmes/${pid}/episodes`],
      ['GET', `/api/v1/programmes/${pid}/responses.csv`],
      ['GET', `/api/v1/programmes/${pid}/invitation-links.csv`],
      ['GET', `/api/v1/programmes/${pid}/fee-runs`],
      ['GET', `/api/v1/programmes/${pid}/ledger`],
      ['GET', `/api/v1/programmes/${pid}/panel-ratings`],
      ['GET', `/api/v1/programmes/${pid}/providers/${providerA.id}/outcomes`],
      ['GET', `/api/v1/keys?programmeId=${pid}`],
      ['POST', '/api/v1/keys', { role: 'procurer' }],
      ['DELETE', '/api/v1/keys/key_1'],
      ['GET', '/api/v1/audit'],
      ['GET', '/api/v1/episodes/epi_1'],
      ['GET', '/api/v1/fee-runs/run_1'],
      ['GET', '/api/v1/surveys/authored'],
      ['POST', '/api/v1/surveys', { id: 'national-try', title: 'X', customerType: 'company' }],
      ['GET', '/api/v1/surveys/cx-company/draft'],
      ['GET', '/api/v1/national'],
      ['GET', '/api/v1/mee'],
    ]
    for (const [method, path, json] of routes) {
      const res = await call(method, path, { key, json })
      // /api/v1/national and /mee are no routes at all: 403 (the key's gate) or 404, never a figure.
      if (path === '/api/v1/national' || path === '/api/v1/mee') {
        expect([403, 404], `${method} ${path}`).toContain(res.status)
        continue
      }
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.data.error.code, `${method} ${path}`).toBe('forbidden')
    }
    // Nothing it tried was written, and no audit row names it (its role is not one audit_log holds).
    const audit = (await call('GET', '/api/v1/audit?limit=500', { key: ADMIN })).data.entries as Json[]
    expect(audit.filter((e) => e.role === 'national')).toEqual([])
    expect((await call('GET', '/api/v1/me', { key })).status).toBe(200)
    expect((await comparison('survey=cx-company&period=2027', key)).status).toBe(200)
  })

  it('are the only keys (besides the admin) that read the comparison', async () => {
    const { keyA, procurerKey } = await setupProgramme()
    const unscoped = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer' } })).data.key
    for (const key of [keyA, procurerKey, unscoped]) {
      const res = await comparison('survey=cx-company&period=2027', key)
      expect(res.status).toBe(403)
      expect(res.data.error.code).toBe('forbidden')
    }
    expect((await call('GET', '/api/v1/national/comparison?survey=cx-company')).status).toBe(401)
    expect((await comparison('survey=cx-company&period=2027', ADMIN)).status).toBe(200)
  })
})

describe('GET /api/v1/national/comparison', () => {
  it('refuses bad queries with a 400 naming the field, and an unknown survey with a 404', async () => {
    const { key } = await nationalKey()
    const cases: Array<[string, string]> = [
      ['period=2027', 'survey'],
      ['survey=CX_company&period=2027', 'survey'],
      ['survey=cx-company&period=2027-13', 'period'],
      ['survey=cx-company&period=2027-Q5', 'period'],
      ['survey=cx-company&period=0000', 'period'],
      ['survey=cx-company@99&period=2027', 'survey'],
    ]
    for (const [q, field] of cases) {
      const res = await comparison(q, key)
      expect(res.status, q).toBe(400)
      expect(
        res.data.error.issues.map((i: Json) => i.path),
        q,
      ).toEqual([field])
    }
    // from/to are not for this view: a 400, never a silently different table.
    const ranged = await comparison('survey=cx-company&from=2027-01-01&to=2027-01-31', key)
    expect(ranged.status).toBe(400)
    expect(ranged.data.error.message).toMatch(/from|to/)
    const unknown = await comparison('survey=no-such-survey&period=2027', key)
    expect(unknown.status).toBe(404)
    expect(unknown.data.error.code).toBe('not_found')
  })

  it('sets two programmes with different providers side by side, with small groups hidden as for the public', async () => {
    const survey = await surveyWithVersions([null])
    const a = await programmeWith(3, 3)
    const b = await programmeWith(2, 3)
    const other = await programmeWith(3, 3) // uses another survey: not listed
    // Programme A: 6 + 7 + 3 answers (7 releases 6 in the month); B: 9 answers and one provider with 2 (hidden).
    await answers(a.pid, a.ids[0], '2027-02', [70, 80, 60, 75, 85, 65], survey)
    await answers(a.pid, a.ids[1], '2027-02', [50, 55, 60, 45, 40, 50, 99], survey)
    await answers(a.pid, a.ids[2], '2027-03', [90, 95, 85, null], survey)
    await answers(b.pid, b.ids[0], '2027-05', [60, 62, 64, 66, 68, 70, 72, 74, 76], survey)
    await answers(b.pid, b.ids[1], '2027-05', [10, 20], survey)
    await answers(other.pid, other.ids[0], '2027-05', [50, 60, 70], 'cx-company')
    // An answer in another year is out of the period.
    await answers(a.pid, a.ids[0], '2026-12', [1, 2, 3], survey)

    const { key } = await nationalKey()
    const res = await comparison(`survey=${survey}&period=2027`, key)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.data.survey).toMatchObject({ id: survey, customerType: 'company', from: 1, versions: [1] })
    expect(res.data.period).toEqual({ from: '2027-01-01', to: '2027-12-31' })
    documentedShapes((await call('GET', '/api/v1/openapi.json')).data)('NationalComparison', res.data)
    const ids = res.data.programmes.map((p: Json) => p.id)
    expect(ids.sort()).toEqual([a.pid, b.pid].sort())
    const progA = res.data.programmes.find((p: Json) => p.id === a.pid)
    const progB = res.data.programmes.find((p: Json) => p.id === b.pid)
    expect(progA.region).toBe('Pirkanmaa')
    expect(progA.otherSurveys).toEqual([])
    const rowOf = (p: Json, id: string) => p.providers.find((r: Json) => r.providerId === id)
    expect(rowOf(progA, a.ids[0]).responses).toBe(6)
    expect(rowOf(progA, a.ids[0]).qualityIndex.mean).toBeCloseTo(72.5, 6)
    expect(rowOf(progA, a.ids[0]).qualityIndex.ci95).toHaveLength(2)
    expect(rowOf(progA, a.ids[1]).responses).toBe(6) // the seventh waits for two more (release rule)
    expect(rowOf(progA, a.ids[1]).qualityIndex.mean).toBeCloseTo(50, 6)
    expect(rowOf(progA, a.ids[2]).responses).toBe(3)
    expect(rowOf(progA, a.ids[2]).invited).toBe(4)
    // Three providers answered: the public sees A's own figures, and so does the ministry, with its R-indicator.
    expect(progA.programme.qualityIndex.mean).not.toBeNull()
    expect(progA.programme.rIndicator).not.toBeNull()
    expect(progA.programme.rIndicator.r).toBeLessThanOrEqual(1)
    // B: two providers only, so no programme figure; the provider with 2 answers (< minGroup) shows none.
    expect(progB.programme.qualityIndex).toEqual({ mean: null, ci95: null })
    expect(progB.programme.rIndicator).toBeNull()
    expect(rowOf(progB, b.ids[0]).qualityIndex.mean).toBeCloseTo(68, 6)
    const small = rowOf(progB, b.ids[1])
    expect(small.responses).toBe(0)
    expect(small.qualityIndex).toEqual({ mean: null, ci95: null, shrunk: null, shrunkCi95: null })
    expect(small.published).toBe(false)
    // Every figure is the public's.
    for (const p of [progA, progB]) {
      const pub = (await publicRatings(p.id, `period=2027&customerType=company&series=${survey}@1`)).data
      expectSameAsPublic(p, pub)
    }
    // A quarter without answers of B lists B with nothing to show, as the public would.
    const q1 = await comparison(`survey=${survey}&period=2027-Q1`, key)
    expect(q1.data.programmes.map((p: Json) => p.id)).toEqual([a.pid])
  })

  it('pools small cells before the programme R-indicator and rounds it', () => {
    const cell = (serviceType: string, invited: number, responded: number) => ({
      customerType: 'company',
      serviceType,
      riskClass: null,
      language: 'fi',
      invited,
      responded,
    })
    expect(publicRIndicator([cell('a', 1, 1)], 5)).toBeNull()
    const even = publicRIndicator([cell('a', 10, 5), cell('b', 10, 5)], 5)!
    expect(even.r).toBeGreaterThan(0.9)
    // Cells under minGroup pool into one: a lone small cell answering differently moves nothing by itself.
    const withSmall = publicRIndicator([cell('a', 10, 5), cell('b', 10, 5), cell('c', 2, 2), cell('d', 2, 0)], 5)!
    expect(Number.isInteger(withSmall.r * 100)).toBe(true)
    const uneven = publicRIndicator([cell('a', 20, 2), cell('b', 20, 18)], 5)!
    expect(uneven.r).toBeLessThan(even.r)
  })
})

/** Every figure of a national programme entry equals the public ratings' figure (null where the public's is). */
function expectSameAsPublic(p: Json, pub: Json) {
  expect(p.programme.responses).toBe(pub.programme.responses)
  expect(p.programme.invited).toBe(pub.programme.invited)
  expect(p.programme.responseRate).toBe(pub.programme.responseRate)
  expect(p.programme.qualityIndex.mean).toBe(pub.programme.qualityIndex.mean)
  expect(p.programme.qualityIndex.ci95).toEqual(pub.programme.qualityIndex.ci95)
  if (pub.programme.qualityIndex.mean === null) expect(p.programme.rIndicator).toBeNull()
  expect(p.providers.map((r: Json) => r.providerId)).toEqual(pub.providers.map((r: Json) => r.providerId))
  for (const [k, r] of p.providers.entries()) {
    const q = pub.providers[k]
    for (const field of ['responses', 'invited', 'responseRate', 'stars', 'published', 'publication'])
      expect(r[field], field).toEqual(q[field])
    for (const field of ['mean', 'ci95', 'shrunk', 'shrunkCi95'])
      expect(r.qualityIndex[field], field).toEqual(q.qualityIndex[field])
  }
}

describe('national comparison (property)', () => {
  it('never shows a figure that differs from the programme’s public ratings for the same period, or one the public does not see', async () => {
    const { key } = await nationalKey()
    const survey = await surveyWithVersions([null])
    // Two programmes made once (three providers, minGroup 3 and minResponses 6; two, minGroup 4); each run writes a year of its own.
    const programmes = [await programmeWith(3, 3, 6), await programmeWith(2, 4)]
    let year = 2040
    // A group of clients of one provider ending in one month (the release rule's bucket): null is a decline.
    const group = fc.record({
      programme: fc.integer({ min: 0, max: 1 }),
      provider: fc.integer({ min: 0, max: 2 }),
      month: fc.constantFrom('01', '02', '04'),
      indices: fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 6 }), { maxLength: 9 }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(group, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('', '-Q1', '-01', '-04'),
        async (groups, suffix) => {
          year += 1
          for (const g of groups) {
            const p = programmes[g.programme]
            await answers(p.pid, p.ids[g.provider % p.ids.length], `${year}-${g.month}`, g.indices, survey)
          }
          const period = `${year}${suffix}`
          const res = await comparison(`survey=${survey}&period=${period}`, key)
          expect(res.status).toBe(200)
          for (const p of programmes) {
            const entry = res.data.programmes.find((x: Json) => x.id === p.pid)
            const pub = (await publicRatings(p.pid, `period=${period}&customerType=company&series=${survey}@1`)).data
            if (!entry) {
              // Listed exactly when the programme invited with the series in the period.
              expect(pub.programme.invited).toBe(0)
              continue
            }
            expect(entry.programme.invited).toBeGreaterThan(0)
            expectSameAsPublic(entry, pub)
          }
        },
      ),
      { numRuns: 15 },
    )
  }, 300_000)
})
