import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, call, episode, type ImportedEpisode, type Json, setupProgramme } from './helpers.ts'

const TABLES = [
  'programmes',
  'fee_rules',
  'providers',
  'access_keys',
  'episodes',
  'outcomes',
  'invitations',
  'responses',
  'response_items',
  'fee_runs',
  'fee_run_providers',
  'fee_disputes',
]

async function snapshot(): Promise<string> {
  const counts = await env.DB.batch(TABLES.map((t) => env.DB.prepare(`SELECT '${t}' AS t, COUNT(*) AS n FROM ${t}`)))
  return JSON.stringify(counts.map((r) => r.results[0]))
}

type Target = { method: string; path: () => string; key: () => string | undefined }
let targets: Record<string, Target> = {}
let tokens: string[] = []

beforeAll(async () => {
  const s = await setupProgramme({ feeRule: { currency: 'EUR', components: [{ type: 'base', perClient: 100 }] } })
  const imported = (
    await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [0, 1, 2, 3, 4].map(() => episode(s.providerA.id)) },
    })
  ).data.episodes
  tokens = imported.map((e: ImportedEpisode) => e.invitation!.token)
  const run = (
    await call('POST', `/api/v1/programmes/${s.programme.id}/fee-runs`, {
      key: s.procurerKey,
      json: { from: '2026-01-01', to: '2026-12-31' },
    })
  ).data
  const dispute = (
    await call('POST', `/api/v1/fee-runs/${run.id}/disputes`, {
      key: s.keyA,
      json: { providerId: s.providerA.id, reason: 'check' },
    })
  ).data
  const pid = s.programme.id
  let turn = 0
  targets = {
    'POST /keys': { method: 'POST', path: () => '/api/v1/keys', key: () => ADMIN },
    'POST /programmes': { method: 'POST', path: () => '/api/v1/programmes', key: () => ADMIN },
    'PUT fee-rule': { method: 'PUT', path: () => `/api/v1/programmes/${pid}/fee-rule`, key: () => s.procurerKey },
    'POST providers': { method: 'POST', path: () => `/api/v1/programmes/${pid}/providers`, key: () => s.procurerKey },
    'POST episodes': { method: 'POST', path: () => `/api/v1/programmes/${pid}/episodes`, key: () => s.procurerKey },
    'POST outcomes': {
      method: 'POST',
      path: () => `/api/v1/episodes/${imported[0].id}/outcomes`,
      key: () => s.procurerKey,
    },
    // spread over several links: each link has its own rate limit
    'PUT respond': {
      method: 'PUT',
      path: () => `/api/v1/respond/${tokens[turn++ % tokens.length]}`,
      key: () => undefined,
    },
    'POST fee-runs': { method: 'POST', path: () => `/api/v1/programmes/${pid}/fee-runs`, key: () => s.procurerKey },
    'POST fee-simulations': {
      method: 'POST',
      path: () => `/api/v1/programmes/${pid}/fee-simulations`,
      key: () => s.procurerKey,
    },
    'POST disputes': { method: 'POST', path: () => `/api/v1/fee-runs/${run.id}/disputes`, key: () => s.keyA },
    'POST resolve': {
      method: 'POST',
      path: () => `/api/v1/fee-runs/${run.id}/disputes/${dispute.id}/resolve`,
      key: () => s.procurerKey,
    },
  }
})

const raw = (t: Target, body: string, contentType = 'application/json') =>
  call(t.method, t.path(), { key: t.key(), body, headers: { 'content-type': contentType } })

function expectRefused(res: { status: number; data: Json }, label: string) {
  expect([400, 413, 415, 422], `${label}: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`).toContain(
    res.status,
  )
  expect(res.data.error.code, label).toEqual(expect.any(String))
  expect(res.data.error.message.length, label).toBeGreaterThan(0)
}

const MALFORMED = ['', '{', '{"a":', '[1,2', 'nul', '{"a" 1}', "{'a': 1}", '\u0000', '{"a":1}}']
const SHAPES = ['null', '"text"', '42', 'true', '[]', '[{}]', '{}']

describe('fuzzing every JSON endpoint', () => {
  it('refuses malformed JSON and wrong top-level shapes with 4xx, storing nothing', async () => {
    const before = await snapshot()
    for (const [name, t] of Object.entries(targets)) {
      for (const body of [...MALFORMED, ...SHAPES]) expectRefused(await raw(t, body), `${name} ${JSON.stringify(body)}`)
    }
    expect(await snapshot()).toBe(before)
  })

  it('refuses deeply nested, oversized and non-JSON bodies', async () => {
    const before = await snapshot()
    const deep = '['.repeat(20_000) + ']'.repeat(20_000)
    const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` // {"a":{"a":...1}}
    const huge = JSON.stringify({ name: 'x'.repeat(9 * 1024 * 1024) })
    for (const [name, t] of Object.entries(targets)) {
      expectRefused(await raw(t, deep), `${name} deep array`)
      expectRefused(await raw(t, deepObject), `${name} deep object`)
      expectRefused(await raw(t, huge), `${name} huge`)
      expectRefused(await raw(t, 'name=x', 'application/x-www-form-urlencoded'), `${name} form`)
    }
    expect(await snapshot()).toBe(before)
  })

  it('refuses random JSON values of the wrong types', async () => {
    const before = await snapshot()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(targets)),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
        async (name, body) => {
          expectRefused(await raw(targets[name], JSON.stringify(body)), `${name} ${JSON.stringify(body).slice(0, 200)}`)
        },
      ),
      { numRuns: 120 },
    )
    expect(await snapshot()).toBe(before)
  })

  it('refuses injection-shaped values: SQL, HTML or script, spreadsheet formulas', async () => {
    const before = await snapshot()
    const evil = [
      "x'); DROP TABLE providers; --",
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '=HYPERLINK("http://evil.example","click")',
      "@SUM(1+1)*cmd|' /C calc'!A0",
    ]
    const pid = targets['POST providers'].path().split('/')[4]
    const providerId = (
      await call('GET', `/api/v1/programmes/${pid}/providers`, { key: targets['POST providers'].key() })
    ).data.providers[0].id
    for (const value of evil) {
      expectRefused(
        await call('POST', targets['POST providers'].path(), {
          key: targets['POST providers'].key(),
          json: { name: value },
        }),
        `provider name ${value}`,
      )
      expectRefused(
        await call('POST', '/api/v1/programmes', {
          key: ADMIN,
          json: { name: value, region: 'x', surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' } },
        }),
        `programme name ${value}`,
      )
      expectRefused(
        await call('POST', targets['POST episodes'].path(), {
          key: targets['POST episodes'].key(),
          json: { episodes: [episode(providerId, { externalRef: value })] },
        }),
        `externalRef ${value}`,
      )
      expectRefused(
        await call('PUT', targets['PUT respond'].path(), { json: { answers: { comment: value } } }),
        `survey comment ${value}`,
      )
      expectRefused(
        await call('POST', targets['POST disputes'].path(), {
          key: targets['POST disputes'].key(),
          json: { providerId, reason: value },
        }),
        `dispute ${value}`,
      )
    }
    expect(await snapshot()).toBe(before)
    // the tables are all still there and usable
    expect(
      (await call('GET', `/api/v1/programmes/${pid}/providers`, { key: targets['POST providers'].key() })).status,
    ).toBe(200)
  })
})
