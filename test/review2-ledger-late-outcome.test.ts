// Review of issue 15's follow-up wave against the fee ledger: a confirmed reported outcome usually falls in a
// later month than the service's end (the follow-up is sent ~92 days after it), so the run that pays it covers
// a period the episode did not end in. What final runs paid for that client must still be subtracted: a second
// run over the same period, or a run over an earlier period after an earlier outcome date is confirmed, must
// pay nothing more.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ADMIN, call, unique } from './helpers.ts'

const RESULT = { type: 'result', outcome: 'recruitment', perClient: 500, when: 'outcome' }
const START = { type: 'base', perClient: 100, when: 'start' }

async function setup(components: unknown[]) {
  const pid = (
    await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: {
        name: unique('Review2Ledger'),
        region: 'Lappi',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        feeRule: { currency: 'EUR', components },
      },
    })
  ).data.id as string
  const procurer = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: pid } }))
    .data.key as string
  const providerId = (
    await call('POST', `/api/v1/programmes/${pid}/providers`, { key: procurer, json: { name: unique('Provider') } })
  ).data.id as string
  const res = await call('POST', `/api/v1/programmes/${pid}/episodes`, {
    key: procurer,
    json: {
      episodes: [
        { providerId, customerType: 'company', externalRef: 'LATE-1', startedOn: '2026-09-20', endedOn: '2026-10-20' },
      ],
    },
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return { pid, procurer, episodeId: res.data.episodes[0].id as string }
}

async function finalRun(pid: string, procurer: string, from: string, to: string) {
  const run = await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key: procurer, json: { from, to } })
  expect(run.status, JSON.stringify(run.data)).toBe(201)
  expect((await call('POST', `/api/v1/fee-runs/${run.data.id}/finalise`, { key: procurer })).status).toBe(200)
  return run.data
}

const paidFor = async (episodeId: string) =>
  (await env.DB.prepare('SELECT COALESCE(SUM(payable_cents), 0) AS paid FROM fee_ledger WHERE episode_id = ?1')
    .bind(episodeId)
    .first<{ paid: number }>())!.paid

describe('the ledger with outcomes after the end month', () => {
  it('pays an outcome in a later month once, however often its period is run', async () => {
    const s = await setup([RESULT])
    await call('POST', `/api/v1/episodes/${s.episodeId}/outcomes`, {
      key: s.procurer,
      json: { type: 'recruitment', occurredOn: '2026-12-10' },
    })
    const first = await finalRun(s.pid, s.procurer, '2026-12-01', '2026-12-31')
    expect(first).toMatchObject({ owed: '500.00', total: '500.00' })
    const again = await finalRun(s.pid, s.procurer, '2026-12-01', '2026-12-31')
    expect(again).toMatchObject({ owed: '500.00', paidBefore: '500.00', total: '0.00' })
    expect(await paidFor(s.episodeId)).toBe(50_000)
  })

  it('pays once when an earlier outcome date is confirmed after a later one was paid', async () => {
    const s = await setup([RESULT])
    await call('POST', `/api/v1/episodes/${s.episodeId}/outcomes`, {
      key: s.procurer,
      json: { type: 'recruitment', occurredOn: '2026-12-10' },
    })
    await finalRun(s.pid, s.procurer, '2026-12-01', '2026-12-31')
    // the follow-up said the client was recruited on 25 November; confirmed, it is the earliest qualifying one
    await call('POST', `/api/v1/episodes/${s.episodeId}/outcomes`, {
      key: s.procurer,
      json: { type: 'recruitment', occurredOn: '2026-11-25' },
    })
    const november = await finalRun(s.pid, s.procurer, '2026-11-01', '2026-11-30')
    expect(november).toMatchObject({ owed: '500.00', paidBefore: '500.00', total: '0.00' })
    expect(await paidFor(s.episodeId)).toBe(50_000)
  })

  it('pays a start-of-service amount once, however often the start month is run', async () => {
    const s = await setup([START])
    await finalRun(s.pid, s.procurer, '2026-09-01', '2026-09-30')
    const again = await finalRun(s.pid, s.procurer, '2026-09-01', '2026-09-30')
    expect(again).toMatchObject({ total: '0.00' })
    expect(await paidFor(s.episodeId)).toBe(10_000)
  })
})
