import { describe, expect, it } from 'vitest'
import { ADMIN, type AuditEntry, call, episode, type ImportedEpisode, setupProgramme } from './helpers.ts'

describe('rate limits', () => {
  it('turns repeated failed key checks from one address into 429, without slowing a valid key', async () => {
    const from = { 'cf-connecting-ip': '203.0.113.9' }
    const statuses: number[] = []
    for (let i = 0; i < 31; i++)
      statuses.push((await call('GET', '/api/v1/programmes', { key: `wrong-${i}`, headers: from })).status)
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true)
    expect(statuses[30]).toBe(429)
    expect((await call('GET', '/api/v1/programmes', { key: ADMIN, headers: from })).status).toBe(200)
    expect(
      (await call('GET', '/api/v1/programmes', { key: 'wrong', headers: { 'cf-connecting-ip': '198.51.100.7' } }))
        .status,
    ).toBe(401)
  })

  it('limits one survey link to 120 requests a minute; other links are unaffected', async () => {
    const s = await setupProgramme()
    const created = (
      await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
        key: s.procurerKey,
        json: { episodes: [episode(s.providerA.id), episode(s.providerA.id), episode(s.providerA.id)] },
      })
    ).data.episodes
    const [first, second, two] = created.map((e: ImportedEpisode) => e.invitation!.token)
    // The limiter counts in fixed one-minute windows: a burst that straddles a window's end starts a new
    // count half-way. Such a burst is sent again with a fresh link in the next window, so it cannot cross.
    const burst = async (token: string) => {
      const minute = Math.floor(Date.now() / 60_000)
      const statuses: number[] = []
      for (let i = 0; i < 121; i++) statuses.push((await call('GET', `/api/v1/respond/${token}`)).status)
      return { statuses, crossed: Math.floor(Date.now() / 60_000) !== minute }
    }
    let one = first
    let { statuses, crossed } = await burst(one)
    if (crossed) {
      one = second
      ;({ statuses, crossed } = await burst(one))
    }
    expect(crossed).toBe(false)
    expect(statuses.filter((x) => x === 200)).toHaveLength(120)
    expect(statuses[120]).toBe(429)
    const limited = await call('PUT', `/api/v1/respond/${one}`, { json: { answers: { need_clarity: 1 } } })
    expect(limited.status).toBe(429)
    expect(limited.data.error.code).toBe('rate_limited')
    expect((await call('GET', `/api/v1/respond/${two}`)).status).toBe(200)
  })
})

describe('audit log', () => {
  it('records every data-changing key use with its outcome, never reads', async () => {
    const s = await setupProgramme()
    await call('POST', `/api/v1/programmes/${s.programme.id}/providers`, {
      key: s.procurerKey,
      json: { name: 'Audited Oy' },
    })
    await call('POST', `/api/v1/programmes/${s.programme.id}/providers`, { key: s.procurerKey, json: { name: '' } })
    await call('GET', `/api/v1/programmes/${s.programme.id}/providers`, { key: s.procurerKey })
    const log = await call('GET', `/api/v1/audit?programmeId=${s.programme.id}`, { key: s.procurerKey })
    expect(log.status).toBe(200)
    const mine = log.data.entries.filter((e: AuditEntry) => e.role === 'procurer')
    expect(mine.map((e: AuditEntry) => [e.method, e.path, e.status])).toEqual([
      ['POST', `/api/v1/programmes/${s.programme.id}/providers`, 422],
      ['POST', `/api/v1/programmes/${s.programme.id}/providers`, 201],
    ])
    expect(mine[0].keyId).toMatch(/^key_/)
    expect(log.data.entries.some((e: AuditEntry) => e.method === 'GET')).toBe(false)
    expect((await call('GET', `/api/v1/audit?programmeId=${s.programme.id}`, { key: s.keyA })).status).toBe(403)
    expect((await call('GET', '/api/v1/audit', { key: s.procurerKey })).status).toBe(403)
    expect((await call('GET', '/api/v1/audit', { key: ADMIN })).status).toBe(200)
  })
})
