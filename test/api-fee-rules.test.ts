import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, call, companyAnswers, type Json, unique } from './helpers.ts'

const Q1 = { from: '2027-01-01', to: '2027-03-31' }

async function programmeWith(rule: unknown) {
  const res = await call('POST', '/api/v1/programmes', {
    key: ADMIN,
    json: {
      name: unique('Rules'),
      region: 'national',
      surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
      feeRule: rule,
    },
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  const pid = res.data.id as string
  const procurer = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: pid } }))
    .data.key as string
  const providerId = (
    await call('POST', `/api/v1/programmes/${pid}/providers`, { key: procurer, json: { name: 'Työnantajaksi Oy' } })
  ).data.id as string
  return { pid, procurer, providerId }
}

let templates: Json[] = []

beforeAll(async () => {
  const res = await call('GET', '/api/v1/fee-rule-templates')
  expect(res.status).toBe(200)
  templates = res.data.templates
})

describe('fee rule templates', () => {
  it('are served without a key, each with its source and worked example', () => {
    expect(templates.map((t) => t.id)).toEqual([
      'pirkanmaa-kasvubuusti',
      'lapland-tourism',
      'sole-entrepreneur-to-employer',
      'keski-suomi-panel',
      'varsinais-suomi-placement',
      'satakunta-up-front',
    ])
    const national = templates.find((t) => t.id === 'sole-entrepreneur-to-employer')!
    expect(national.source).toContain('seeds/004')
    expect(national.example.expected).toEqual({
      total: '8200.00',
      components: ['2400.00', '600.00', '1000.00', '1200.00', '3000.00'],
    })
  })
})

describe('the national model end to end through the API', () => {
  let ctx: Awaited<ReturnType<typeof programmeWith>>

  beforeAll(async () => {
    const national = templates.find((t) => t.id === 'sole-entrepreneur-to-employer')!
    ctx = await programmeWith(national.rule)
    const { pid, procurer, providerId } = ctx
    const episodes = ['N-001', 'N-002', 'N-003'].map((externalRef) => ({
      providerId,
      customerType: 'company',
      externalRef,
      startedOn: '2027-01-11',
      endedOn: '2027-02-15',
    }))
    const imported = (await call('POST', `/api/v1/programmes/${pid}/episodes`, { key: procurer, json: { episodes } }))
      .data.episodes
    const respond = (k: number, positions: number[]) =>
      call('PUT', `/api/v1/respond/${imported[k].invitation.token}`, {
        json: { answers: companyAnswers(positions), complete: true },
      })
    await respond(0, [4, 4, 4, 4, 4])
    await respond(1, [4, 4, 4, 4, 3])
    await call('POST', `/api/v1/respond/${imported[2].invitation.token}/decline`)
    const outcome = (k: number, type: string, occurredOn: string, value?: number) =>
      call('POST', `/api/v1/episodes/${imported[k].id}/outcomes`, {
        key: procurer,
        json: { type, occurredOn, ...(value === undefined ? {} : { value }) },
      })
    await outcome(0, 'recruitment_plan', '2027-02-10')
    await outcome(0, 'recruitment', '2027-03-31', 0.5)
    await outcome(1, 'recruitment_plan', '2027-02-01')
    await outcome(1, 'recruitment', '2027-03-01', 0.4)
    const event = { type: 'group_event', occurredOn: '2027-03-05' }
    const path = `/api/v1/programmes/${pid}/providers/${providerId}/outcomes`
    expect((await call('POST', path, { key: procurer, json: event })).status).toBe(201)
    expect((await call('POST', path, { key: procurer, json: event })).status).toBe(200) // idempotent
  })

  it('pays the worked example to the cent', async () => {
    const res = await call('POST', `/api/v1/programmes/${ctx.pid}/fee-runs`, { key: ctx.procurer, json: Q1 })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    const [p] = res.data.providers
    expect(p.components.map((c: Json) => c.amount)).toEqual(['2400.00', '600.00', '1000.00', '1200.00', '3000.00'])
    expect(res.data.total).toBe('8200.00')
  })

  it('scales everything but base fees to a budget, and refuses a budget below the base fees', async () => {
    const res = await call('POST', `/api/v1/programmes/${ctx.pid}/fee-runs`, {
      key: ctx.procurer,
      json: { ...Q1, budget: 5000 },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.total).toBe('5000.00')
    // and the statement says by how much
    expect(res.data.budget).toEqual({
      budget: '5000.00',
      base: '2400.00',
      otherBeforeScaling: '5800.00',
      otherAfterScaling: '2600.00',
      factor: expect.closeTo(2600 / 5800, 9),
    })
    // 5800.00 above base scaled to 2600.00 (factor 0.448276), line by line by largest remainder:
    // plans 134.48 + 134.48, quality 448.28 (remainder .58 gets a cent), recruitment 537.93, event 1344.83 (.75)
    expect(res.data.providers[0].components.map((c: Json) => c.amount)).toEqual([
      '2400.00',
      '268.96',
      '448.28',
      '537.93',
      '1344.83',
    ])
    const below = await call('POST', `/api/v1/programmes/${ctx.pid}/fee-simulations`, {
      key: ctx.procurer,
      json: { ...Q1, budget: 2399.99, rules: [templates[2].rule] },
    })
    expect(below.status).toBe(422)
    expect(below.data.error.issues).toEqual([
      { path: 'budget', message: "the budget 2399.99 is below the run's base fees 2400.00" },
    ])
  })

  it('refuses an unknown price key and an item the surveys do not score', async () => {
    const res = await call('PUT', `/api/v1/programmes/${ctx.pid}/fee-rule`, {
      key: ctx.procurer,
      json: {
        currency: 'EUR',
        prices: { default: 2000, byProvider: { prv_nobody: 2400, [ctx.providerId]: 2200 } },
        components: [
          { type: 'base', share: 0.5 },
          { type: 'quality', basis: 'client', perClientMax: 10, scoring: { mode: 'allTop', items: ['shoe_size'] } },
        ],
      },
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues.map((i: Json) => i.path)).toEqual([
      'prices.byProvider.prv_nobody',
      'components[1].scoring.items[0]',
    ])
  })
})

describe('panel ratings (Central Finland)', () => {
  it('are versioned, audited, checked against the scale and shown to the provider with their reason', async () => {
    const keski = templates.find((t) => t.id === 'keski-suomi-panel')!
    const { pid, procurer, providerId } = await programmeWith(keski.rule)
    const path = `/api/v1/programmes/${pid}/panel-ratings`
    const rate = (rating: number, reason: string) =>
      call('POST', path, { key: procurer, json: { providerId, period: '2027-Q1', rating, reason } })
    const outside = await rate(10.5, 'too good')
    expect(outside.status).toBe(422)
    expect(outside.data.error.issues[0].path).toBe('rating')
    expect((await rate(6, 'service plans clear, follow-up slow')).data.version).toBe(1)
    expect((await rate(7.5, 'follow-up improved')).data.version).toBe(2)
    const providerKey = (await call('POST', '/api/v1/keys', { key: procurer, json: { role: 'provider', providerId } }))
      .data.key
    const seen = await call('GET', path, { key: providerKey })
    expect(seen.data.ratings.map((r: Json) => [r.version, r.rating, r.reason])).toEqual([
      [1, 6, 'service plans clear, follow-up slow'],
      [2, 7.5, 'follow-up improved'],
    ])
    const audit = await call('GET', `/api/v1/audit?programmeId=${pid}`, { key: procurer })
    expect(JSON.stringify(audit.data)).toContain('/panel-ratings')
    // four clients ending in Q1: base 6000.00, panel 7.5/10 x 16 % = 720.00
    const episodes = ['KS-1', 'KS-2', 'KS-3', 'KS-4'].map((externalRef) => ({
      providerId,
      customerType: 'company',
      externalRef,
      startedOn: '2027-01-11',
      endedOn: '2027-02-15',
    }))
    await call('POST', `/api/v1/programmes/${pid}/episodes`, { key: procurer, json: { episodes } })
    const run = await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: Q1 })
    expect(run.data.providers[0].components.map((c: Json) => c.amount)).toEqual(['6000.00', '720.00'])
  })
})
