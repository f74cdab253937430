import { beforeAll, describe, expect, it } from 'vitest'
import { feeRunSchema } from '../src/openapi/shapes-fees.ts'
import {
  ADMIN,
  call,
  companyAnswers,
  episode,
  type FeeComponent,
  type FeeLine,
  type FeeRunSummary,
  type Json,
  type ProviderStatement,
  type SimulatedRule,
  setupProgramme,
  unique,
} from './helpers.ts'

// Pirkanmaa-style rule on a EUR 2,000 contract price, plus a multi-provider pool.
const RULE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 1000 },
    { type: 'result', outcome: 'recruitment', perClient: 500 },
    { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' }, nonResponse: 'zero' },
    { type: 'qualityPool', amount: 1000, threshold: 50, minResponses: 1, minResponseRate: 0 },
  ],
}

let pid = ''
let procurer = ''
let keyA = ''
let idA = ''
let idB = ''
const refs: Record<string, string> = {}
const body = { from: '2026-05-01', to: '2026-05-31' }

beforeAll(async () => {
  pid = (
    await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: {
        name: unique('Fees'),
        region: 'Pirkanmaa',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        feeRule: RULE,
      },
    })
  ).data.id
  procurer = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: pid } })).data.key
  idA = (await call('POST', `/api/v1/programmes/${pid}/providers`, { key: procurer, json: { name: 'Kasvu A' } })).data
    .id
  idB = (await call('POST', `/api/v1/programmes/${pid}/providers`, { key: procurer, json: { name: 'Kasvu B' } })).data
    .id
  keyA = (await call('POST', '/api/v1/keys', { key: procurer, json: { role: 'provider', providerId: idA } })).data.key
  // A: a1 index 100 + recruitment, a2 index 60, a3 no response; B: b1 index 40, b2 no response
  const plan = [
    ['a1', idA, [4, 4, 4, 4, 4]],
    ['a2', idA, [4, 4, 4, 1, 1]],
    ['a3', idA, null],
    ['b1', idB, [4, 4, 1, 1, 1]],
    ['b2', idB, null],
  ] as const
  const episodes = plan.map(([ref, provider]) => ({
    providerId: provider,
    customerType: 'company',
    externalRef: ref,
    startedOn: '2026-04-01',
    endedOn: '2026-05-15',
  }))
  const imported = (await call('POST', `/api/v1/programmes/${pid}/episodes`, { key: procurer, json: { episodes } }))
    .data.episodes
  for (const [k, [ref, , positions]] of plan.entries()) {
    refs[ref] = imported[k].id
    if (positions)
      await call('PUT', `/api/v1/respond/${imported[k].invitation.token}`, {
        json: { answers: companyAnswers([...positions]), complete: true },
      })
    // A client who declines has had its chance: its quality line (0) is in the run. An open, unexpired
    // invitation would be pending instead, with no quality line until it closes.
    else await call('POST', `/api/v1/respond/${imported[k].invitation.token}/decline`)
  }
  // Results are earned in the run covering the outcome's date (when "outcome", the default).
  await call('POST', `/api/v1/episodes/${refs.a1}/outcomes`, {
    key: procurer,
    json: { type: 'recruitment', occurredOn: '2026-05-20' },
  })
})

describe('fee runs', () => {
  it('computes a statement to the cent as by hand, traceable to rule version and inputs', async () => {
    const res = await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    const run = res.data
    expect(run).toMatchObject({
      status: 'draft',
      ruleVersion: 1,
      period: body,
      currency: 'EUR',
      surveyVersions: [{ surveyId: 'cx-company', version: 2, series: 2 }],
    })
    expect(run.inputsHash).toMatch(/^[0-9a-f]{64}$/)
    // providers come in provider id order
    const a = run.providers.find((p: ProviderStatement) => p.providerId === idA)
    const b = run.providers.find((p: ProviderStatement) => p.providerId === idB)
    // A: base 3 x 1000 = 3000; result 1 x 500; quality 500 x 1.00 + 500 x 0.60 + 0 = 800;
    //    pool: only A qualifies (Q over its closed invitations (100 + 60 + 0) / 3 = 53.3 > 50; B has
    //    (40 + 0) / 2 = 20): all of 1000 -> total 5300
    expect(a).toMatchObject({ providerId: idA, clients: 3, responses: 2, total: '5300.00' })
    expect(a.components.map((k: FeeComponent) => [k.type, k.amount])).toEqual([
      ['base', '3000.00'],
      ['result', '500.00'],
      ['quality', '800.00'],
      ['qualityPool', '1000.00'],
    ])
    // B: base 2000; no result; quality 500 x 0.40 = 200; no pool share -> 2200
    expect(b).toMatchObject({ providerId: idB, clients: 2, responses: 1, total: '2200.00' })
    expect(run).toMatchObject({ total: '7500.00', unallocated: '0.00' })
  })

  it('says how sure each threshold line is and the fee expected under that uncertainty, as documented', async () => {
    const created = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    const run = (await call('GET', `/api/v1/fee-runs/${created.id}?lines=true`, { key: procurer })).data
    feeRunSchema.parse(run)
    const a = run.providers.find((p: ProviderStatement) => p.providerId === idA)
    const b = run.providers.find((p: ProviderStatement) => p.providerId === idB)
    // A's pool line: index 53.33 over its 3 closed invitations (100, 60 and a non-respondent at 0: sd 50.33,
    // se 29.06), threshold 50: t = 0.1147 on 2 df, T_2(t) = 1/2 + t / (2 sqrt(2 + t^2)) = 0.540423; expected
    // 1000.00 x 0.540423 = 540.42.
    const pool = a.lines.find((l: FeeLine) => l.type === 'qualityPool')
    const t = (160 / 3 - 50) / (Math.sqrt((100 ** 2 + 60 ** 2 - 160 ** 2 / 3) / 2) / Math.sqrt(3))
    expect(pool.confidence).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 9)
    expect(pool).toMatchObject({ threshold: 50, thresholdReached: true, amount: '1000.00', expectedAmount: '540.42' })
    // Client lines carry none. B's pool line: index 20 over 2 closed invitations (40 and 0: sd 28.28, se 20),
    // t = 1.5 on 1 df, T_1(1.5) = 1/2 + atan(1.5)/pi = 0.812833 sure it is not reached; just above the
    // threshold a pool share is almost 0, so nothing is expected.
    expect(a.lines.filter((l: FeeLine) => l.confidence !== undefined)).toHaveLength(1)
    const poolB = b.lines.find((l: FeeLine) => l.type === 'qualityPool')
    expect(b.lines.filter((l: FeeLine) => l.confidence !== undefined)).toEqual([poolB])
    expect(poolB.confidence).toBeCloseTo(0.5 + Math.atan(1.5) / Math.PI, 9)
    expect(poolB).toMatchObject({ threshold: 50, thresholdReached: false, amount: '0.00', expectedAmount: '0.00' })
    expect(a).toMatchObject({ owed: '5300.00', expectedOwed: '4840.42' })
    expect(b).toMatchObject({ owed: '2200.00', expectedOwed: '2200.00' })
    expect(created).toMatchObject({ owed: '7500.00', expectedOwed: '7040.42' })
    // The lines most at risk, lowest confidence first, with or without ?lines: A's pool line, then B's.
    const atRisk = (await call('GET', `/api/v1/fee-runs/${created.id}`, { key: procurer })).data.atRisk
    expect(atRisk).toEqual([
      expect.objectContaining({
        providerId: idA,
        name: 'Kasvu A',
        qualityIndex: 160 / 3,
        type: 'qualityPool',
        component: 3,
        amount: '1000.00',
        expectedAmount: '540.42',
        confidence: pool.confidence,
      }),
      expect.objectContaining({ providerId: idB, qualityIndex: 20, type: 'qualityPool', confidence: poolB.confidence }),
    ])
    expect(run.atRisk).toEqual(atRisk)
    // A provider key sees no programme totals, and below minGroup (5) answers neither its index nor how sure
    // a line is: with two answers the mean and the spread behind a confidence give both answers away.
    const own = (await call('GET', `/api/v1/fee-runs/${created.id}?lines=true`, { key: keyA })).data
    expect(own.expectedOwed).toBeNull()
    expect(own.atRisk).toEqual([])
    expect(own.providers[0].qualityIndex).toBeNull()
    const ownPool = own.providers[0].lines.find((l: FeeLine) => l.type === 'qualityPool')
    expect(ownPool).toMatchObject({ amount: '1000.00' })
    for (const field of ['confidence', 'threshold', 'thresholds', 'expectedAmount'])
      expect(ownPool).not.toHaveProperty(field)
    const keyB = (await call('POST', '/api/v1/keys', { key: procurer, json: { role: 'provider', providerId: idB } }))
      .data.key
    const ownB = (await call('GET', `/api/v1/fee-runs/${created.id}`, { key: keyB })).data
    expect(ownB.atRisk).toEqual([])
    expect(ownB.providers[0].qualityIndex).toBeNull()
  })

  it('shows a provider key its own index and line confidence once it has minGroup answers', async () => {
    const p = await setupProgramme()
    const pool = { type: 'qualityPool', amount: 1000, threshold: 50, minResponses: 1, minResponseRate: 0 }
    const put = await call('PUT', `/api/v1/programmes/${p.programme.id}/fee-rule`, {
      key: p.procurerKey,
      json: { currency: 'EUR', components: [pool] },
    })
    expect(put.status).toBe(201)
    const imported = await call('POST', `/api/v1/programmes/${p.programme.id}/episodes`, {
      key: p.procurerKey,
      json: { episodes: [1, 2, 3, 4, 5].map(() => episode(p.providerA.id)) },
    })
    for (const [i, e] of imported.data.episodes.entries())
      await call('PUT', `/api/v1/respond/${e.invitation.token}`, {
        json: { answers: companyAnswers(i % 2 === 0 ? [4, 4, 4, 4, 4] : [3, 3, 3, 3, 3]), complete: true },
      })
    const created = await call('POST', `/api/v1/programmes/${p.programme.id}/fee-runs`, {
      key: p.procurerKey,
      json: { from: '2026-02-01', to: '2026-02-28' },
    })
    expect(created.status, JSON.stringify(created.data)).toBe(201)
    const own = (await call('GET', `/api/v1/fee-runs/${created.data.id}?lines=true`, { key: p.keyA })).data
    expect(own.providers[0]).toMatchObject({ responses: 5 })
    expect(own.providers[0].qualityIndex).not.toBeNull()
    const line = own.providers[0].lines.find((l: FeeLine) => l.type === 'qualityPool')
    expect(line.confidence).toBeGreaterThan(0.5)
    expect(own.atRisk).toHaveLength(1)
  })

  it('repeats over unchanged data with identical numbers and hash, superseding the earlier draft', async () => {
    const first = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    const second = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    expect(second.inputsHash).toBe(first.inputsHash)
    expect(second.providers).toEqual(first.providers)
    expect((await call('GET', `/api/v1/fee-runs/${first.id}`, { key: procurer })).data).toMatchObject({
      status: 'superseded',
      supersededBy: second.id,
    })
  })

  it('exports both CSVs, with a line for every client and component', async () => {
    const run = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    const statement = await call('GET', `/api/v1/fee-runs/${run.id}/statement.csv`, { key: procurer })
    expect(statement.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const rows = (statement.data as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(rows[0]).toBe(
      'runId,ruleVersion,from,to,providerId,provider,clients,responses,component,type,amount,currency,explanation,linkCustody,paidBefore,payable',
    )
    expect(rows).toHaveLength(1 + 8) // 2 providers x 4 components
    expect(rows.some((r) => r.includes(`,${idA},Kasvu A,3,2,0,base,3000.00,EUR,`))).toBe(true)
    // every line says who handed out the links (Laatu itself here, the default custody); then, since the fee
    // ledger (issue 12), what earlier final runs paid and what this run pays
    expect(rows.slice(1).every((r) => /,laatu,-?\d+\.\d\d,-?\d+\.\d\d$/.test(r))).toBe(true)
    const lines = (await call('GET', `/api/v1/fee-runs/${run.id}/lines.csv`, { key: procurer })).data as string
    expect(lines).toContain(`,${idA},Kasvu A,a1,2,quality,500.00,EUR,`)
    expect(lines).toContain(`,${idA},Kasvu A,a3,2,quality,0.00,EUR,no response`)
  })

  it('shows a provider only its own part', async () => {
    const run = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    const own = await call('GET', `/api/v1/fee-runs/${run.id}?lines=true`, { key: keyA })
    expect(own.data.providers.map((p: ProviderStatement) => p.providerId)).toEqual([idA])
    expect(own.data.total).toBeNull()
    const lines = own.data.providers[0].lines
    expect(lines.map((l: Json) => l.externalRef)).toContain('a1')
    // Changed: the client-basis quality component (index 2) is one line per run for a provider key, never
    // one client's quality share; base and result lines stay per client.
    const quality = lines.filter((l: Json) => l.component === 2)
    expect(quality).toEqual([
      {
        episodeId: null,
        externalRef: null,
        component: 2,
        componentKey: '2',
        type: 'quality',
        amount: '800.00',
        // Added with the fee ledger (issue 12): what earlier final runs paid, and what this run pays.
        paidBefore: '0.00',
        payable: '800.00',
        reason: expect.stringContaining('3 clients, 2 with a scored response'),
        clients: 3,
        respondents: 2,
      },
    ])
    expect(lines.filter((l: Json) => l.component === 0 && l.externalRef !== null)).toHaveLength(3)
    const csv = (await call('GET', `/api/v1/fee-runs/${run.id}/lines.csv`, { key: keyA })).data as string
    expect(csv).not.toContain('Kasvu B')
    expect(csv).not.toMatch(/,a\d,2,quality,/)
    // (the ledger's componentKey, paidBefore and payable follow clients and respondents)
    expect(csv).toMatch(/,Kasvu A,,2,quality,800\.00,EUR,[^\r]*,3,2,2,0\.00,800\.00\r\n/)
    // the procurer keeps the per-client quality lines
    const full = await call('GET', `/api/v1/fee-runs/${run.id}?lines=true`, { key: procurer })
    const fullA = full.data.providers.find((p: Json) => p.providerId === idA)
    expect(fullA.lines.filter((l: Json) => l.component === 2).map((l: Json) => [l.externalRef, l.amount])).toEqual([
      ['a1', '500.00'],
      ['a2', '300.00'],
      ['a3', '0.00'],
    ])
    expect((await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: keyA, json: body })).status).toBe(403)
  })

  it('changes the inputs hash when an outcome is added', async () => {
    const before = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    await call('POST', `/api/v1/episodes/${refs.b1}/outcomes`, {
      key: procurer,
      json: { type: 'plan', occurredOn: '2026-06-02' },
    })
    const after = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    expect(after.inputsHash).not.toBe(before.inputsHash)
    expect(after.total).toBe(before.total) // a plan is not paid by this rule
  })

  it('runs disputes and finalisation: open disputes block it, a final run never changes', async () => {
    const run = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    const bad = await call('POST', `/api/v1/fee-runs/${run.id}/disputes`, {
      key: keyA,
      json: { providerId: idA, externalRef: 'nope', reason: 'x' },
    })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues[0].path).toBe('externalRef')
    expect(
      (await call('POST', `/api/v1/fee-runs/${run.id}/disputes`, { key: keyA, json: { providerId: idB, reason: 'x' } }))
        .status,
    ).toBe(403)
    const dispute = await call('POST', `/api/v1/fee-runs/${run.id}/disputes`, {
      key: keyA,
      json: { providerId: idA, externalRef: 'a2', reason: 'The client answered on paper too' },
    })
    expect(dispute.status).toBe(201)
    const blocked = await call('POST', `/api/v1/fee-runs/${run.id}/finalise`, { key: procurer })
    expect(blocked.status).toBe(409)
    const resolved = await call('POST', `/api/v1/fee-runs/${run.id}/disputes/${dispute.data.id}/resolve`, {
      key: procurer,
      json: { status: 'rejected', resolution: 'Only the survey counts' },
    })
    expect(resolved.data).toMatchObject({ status: 'rejected', resolution: 'Only the survey counts' })
    expect((await call('POST', `/api/v1/fee-runs/${run.id}/finalise`, { key: keyA })).status).toBe(403)
    const final = await call('POST', `/api/v1/fee-runs/${run.id}/finalise`, { key: procurer })
    expect(final.status).toBe(200)
    expect(final.data.status).toBe('final')
    expect((await call('POST', `/api/v1/fee-runs/${run.id}/finalise`, { key: procurer })).status).toBe(409)
    expect(
      (
        await call('POST', `/api/v1/fee-runs/${run.id}/disputes`, {
          key: keyA,
          json: { providerId: idA, reason: 'late' },
        })
      ).status,
    ).toBe(409)
    // a newer run over the same period does not supersede a final one
    await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })
    expect((await call('GET', `/api/v1/fee-runs/${run.id}`, { key: procurer })).data.status).toBe('final')
    const list = await call('GET', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer })
    expect(list.data.runs.some((r: FeeRunSummary) => r.id === run.id && r.status === 'final')).toBe(true)
  })

  it('refuses a run without a usable rule version or period', async () => {
    expect(
      (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: { ...body, ruleVersion: 9 } }))
        .data.error.issues[0].path,
    ).toBe('ruleVersion')
    const reversed = await call('POST', `/api/v1/programmes/${pid}/fee-runs`, {
      key: procurer,
      json: { from: '2026-06-01', to: '2026-05-01' },
    })
    expect(reversed.status).toBe(422)
    expect(reversed.data.error.issues[0].path).toBe('to')
    expect((await call('GET', '/api/v1/fee-runs/run_none', { key: procurer })).status).toBe(404)
  })
})

describe('fee simulations', () => {
  it('compares candidate rules on the same data without storing anything', async () => {
    const runsBefore = (await call('GET', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer })).data.runs.length
    // Lapland: up to 700 for quality (linear) + 300 for a recruitment
    const lapland = {
      currency: 'EUR',
      components: [
        { type: 'quality', basis: 'client', perClientMax: 700, scoring: { mode: 'linear' } },
        { type: 'result', outcome: 'recruitment', perClient: 300 },
      ],
    }
    const res = await call('POST', `/api/v1/programmes/${pid}/fee-simulations`, {
      key: procurer,
      json: { ...body, rules: [RULE, lapland] },
    })
    expect(res.status).toBe(200)
    // A under Lapland: 700 x 1.00 + 700 x 0.60 + 0 + 300 = 1420; B: 700 x 0.40 = 280
    expect(res.data.providers).toHaveLength(2)
    expect(res.data.providers).toEqual(
      expect.arrayContaining([
        { providerId: idA, name: 'Kasvu A', amounts: ['5300.00', '1420.00'], differences: ['0.00', '-3880.00'] },
        { providerId: idB, name: 'Kasvu B', amounts: ['2200.00', '280.00'], differences: ['0.00', '-1920.00'] },
      ]),
    )
    expect(res.data.rules.map((r: SimulatedRule) => r.total)).toEqual(['7500.00', '1700.00'])
    expect((await call('GET', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer })).data.runs.length).toBe(
      runsBefore,
    )
    const bad = await call('POST', `/api/v1/programmes/${pid}/fee-simulations`, {
      key: procurer,
      json: { ...body, rules: [RULE, { currency: 'EUR', components: [{ type: 'bonus' }] }] },
    })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues[0].path).toMatch(/^rules\[1\]\.components\[0\]/)
  })

  it('shows the suppression sensitivity of a rule that fills non-respondents from respondents, not of the default', async () => {
    const quality = { type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' } }
    const chosen = { ...quality, nonResponse: 'respondentMean', index: 'raw', minResponses: 0 }
    const res = await call('POST', `/api/v1/programmes/${pid}/fee-simulations`, {
      key: procurer,
      json: {
        ...body,
        rules: [
          { currency: 'EUR', components: [chosen] },
          { currency: 'EUR', components: [quality] },
        ],
      },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    const [respondentMean, defaults] = res.data.statements as ProviderStatement[][]
    const a = respondentMean.find((p) => p.providerId === idA)!
    const b = respondentMean.find((p) => p.providerId === idB)!
    // A: (100 + 60) / 2 = 80 -> 3 x 700 x 0.8 = 1680.00; its lowest answer (60) suppressed: 100 -> 2100.00, +420.00
    expect(a.components[0]).toMatchObject({ amount: '1680.00', suppressionSensitivity: { answers: 1, gain: '420.00' } })
    // B's only answer (40) suppressed leaves no responses: 560.00 -> 0
    expect(b.components[0]).toMatchObject({ amount: '560.00', suppressionSensitivity: { answers: 1, gain: '-560.00' } })
    // the defaults: two answers are below minResponses 10, and nothing is shown as there is nothing to gain
    for (const p of defaults) {
      expect(p.components[0].amount).toBe('0.00')
      expect(p.components[0]).not.toHaveProperty('suppressionSensitivity')
    }
  })
})

describe('suppression sensitivity in a stored run', () => {
  it('goes to the procurer, never to a provider key (it would give away the lowest answer)', async () => {
    const chosen = {
      currency: 'EUR',
      components: [
        {
          type: 'quality',
          basis: 'provider',
          perClientMax: 700,
          scoring: { mode: 'linear' },
          nonResponse: 'respondentMean',
          index: 'raw',
          minResponses: 0,
        },
      ],
    }
    const put = await call('PUT', `/api/v1/programmes/${pid}/fee-rule`, { key: procurer, json: chosen })
    expect(put.status, JSON.stringify(put.data)).toBeLessThan(300)
    const run = (await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: body })).data
    const mine = run.providers.find((p: ProviderStatement) => p.providerId === idA)
    expect(mine.components[0]).toMatchObject({
      amount: '1680.00',
      suppressionSensitivity: { answers: 1, gain: '420.00' },
    })
    const own = (await call('GET', `/api/v1/fee-runs/${run.id}`, { key: keyA })).data
    expect(own.providers).toHaveLength(1)
    expect(own.providers[0].components[0].amount).toBe('1680.00')
    expect(own.providers[0].components[0]).not.toHaveProperty('suppressionSensitivity')
  })
})
