// What a provider key reads from a fee run about single respondents' answers (a reviewer's probes, issue 13):
// below minGroup answers no index, no explanation or reason that states one, no confidence; never other
// providers' figures (with two providers "the rest of the programme" is one provider).
import { beforeAll, describe, expect, it } from 'vitest'
import { call, companyAnswers, episode, type FeeComponent, type Json, setupProgramme } from './helpers.ts'

// Defaults everywhere: provider-level quality (nonResponse zero, minResponses 10, fewResponses zero, shrunk)
// and a pool with its defaults but minResponses 1, as the API fixture uses.
const RULE = {
  currency: 'EUR',
  components: [
    { type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' } },
    { type: 'qualityPool', amount: 1000, threshold: 10, minResponses: 1, minResponseRate: 0 },
  ],
}

let p: Awaited<ReturnType<typeof setupProgramme>>
let runId = ''

beforeAll(async () => {
  p = await setupProgramme()
  const put = await call('PUT', `/api/v1/programmes/${p.programme.id}/fee-rule`, { key: p.procurerKey, json: RULE })
  expect(put.status, JSON.stringify(put.data)).toBe(201)
  // A: one respondent (index 60) and one client who declines; B: one respondent (index 40). Both are far
  // below the programme's minGroup 5, so no provider key may learn either answer.
  const plan: Array<[string, number[] | null]> = [
    [p.providerA.id, [4, 4, 4, 1, 1]],
    [p.providerA.id, null],
    [p.providerB.id, [4, 4, 1, 1, 1]],
  ]
  const imported = await call('POST', `/api/v1/programmes/${p.programme.id}/episodes`, {
    key: p.procurerKey,
    json: { episodes: plan.map(([provider]) => episode(provider)) },
  })
  expect(imported.status, JSON.stringify(imported.data)).toBe(201)
  for (const [k, [, positions]] of plan.entries()) {
    const token = imported.data.episodes[k].invitation.token
    if (positions)
      await call('PUT', `/api/v1/respond/${token}`, { json: { answers: companyAnswers(positions), complete: true } })
    else await call('POST', `/api/v1/respond/${token}/decline`)
  }
  const created = await call('POST', `/api/v1/programmes/${p.programme.id}/fee-runs`, {
    key: p.procurerKey,
    json: { from: '2026-02-01', to: '2026-02-28' },
  })
  expect(created.status, JSON.stringify(created.data)).toBe(201)
  runId = created.data.id
})

const providerKeyView = async () => (await call('GET', `/api/v1/fee-runs/${runId}?lines=true`, { key: p.keyA })).data
const quality = (view: Json) => view.providers[0].components.find((c: FeeComponent) => c.type === 'quality')
const pool = (view: Json) => view.providers[0].components.find((c: FeeComponent) => c.type === 'qualityPool')

describe('a provider key below minGroup, in a fee run', () => {
  it('gets no quality index', async () => {
    const own = await providerKeyView()
    expect(own.providers[0]).toMatchObject({ responses: 1, clients: 2 })
    expect(own.providers[0].qualityIndex).toBeNull()
  })

  it("cannot read its only respondent's answer from the quality component's details (rawIndex x base)", async () => {
    const details = quality(await providerKeyView()).details ?? {}
    // Before: rawIndex 30 over base 2 -> the single respondent answered 60.
    const recovered = details.rawIndex != null && details.base != null ? details.rawIndex * details.base : null
    expect(recovered).toBeNull()
  })

  it("cannot read another provider's single answer from programmeMean (the rest of the programme is one provider)", async () => {
    const details = quality(await providerKeyView()).details ?? {}
    // Before: programmeMean 40 = B's one respondent's index (B: one closed invitation, answered 40).
    expect(details.programmeMean ?? null).toBeNull()
  })

  it("cannot read its own index from the pool line's explanation, in the JSON or in statement.csv", async () => {
    const view = await providerKeyView()
    // Before: "(30.0 - 10) x 2 clients = weight 40 of 70": its index 30 (-> the answer 60), and 70 - 40 = B's
    // weight 30 = (40 - 10) x 1 client, B's single answer.
    expect(pool(view).explanation).not.toMatch(/\(\d+\.\d - 10\)/)
    expect(pool(view).details?.totalWeight ?? null).toBeNull()
    const csv = (await call('GET', `/api/v1/fee-runs/${runId}/statement.csv`, { key: p.keyA })).data as string
    expect(csv).not.toMatch(/\(30\.0 - 10\)/)
    expect(csv).not.toMatch(/of 70/)
  })

  it("cannot read its own index from the pool line's reason in lines.csv", async () => {
    const lines = (await call('GET', `/api/v1/fee-runs/${runId}/lines.csv`, { key: p.keyA })).data as string
    expect(lines).not.toMatch(/\(30\.0 - 10\)/)
  })

  it('still sees every amount, and the procurer every figure', async () => {
    const own = await providerKeyView()
    expect(pool(own).amount).toMatch(/^\d+\.\d{2}$/)
    expect(pool(own).explanation).toMatch(/shown to the procurer only/)
    const all = (await call('GET', `/api/v1/fee-runs/${runId}?lines=true`, { key: p.procurerKey })).data
    const a = all.providers.find((x: Json) => x.providerId === p.providerA.id)
    expect(a.qualityIndex).toBeCloseTo(60, 9)
    expect(pool({ providers: [a] }).explanation).toMatch(/\(30\.0 - 10\)/)
  })
})
