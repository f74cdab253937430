// Chain of custody, tried as a provider who wants a bigger fee would (issue: answer for its clients,
// invent billable clients, price them itself, probe other providers' references).
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ADMIN, call, episode, type Json, setupProgramme } from './helpers.ts'

const baseRule = { currency: 'EUR', components: [{ type: 'base', perClient: 1000 }] }

async function programme(settings: Record<string, unknown> = {}) {
  return setupProgramme({ feeRule: baseRule, ...settings })
}

const importAs = (key: string, pid: string, episodes: unknown[]) =>
  call('POST', `/api/v1/programmes/${pid}/episodes`, { key, json: { episodes } })

const simulatedTotal = async (key: string, pid: string) => {
  const res = await call('POST', `/api/v1/programmes/${pid}/fee-simulations`, {
    key,
    json: { from: '2026-01-01', to: '2026-12-31', rules: [baseRule] },
  })
  expect(res.status).toBe(200)
  return res.data.rules[0].total as string
}

const noLinkIn = (body: unknown) => {
  const text = JSON.stringify(body)
  expect(text).not.toMatch(/"token":"[^"]/)
  expect(text).not.toMatch(/\/s\/[A-Za-z0-9_-]{20,}/)
}

describe('who holds the links (linkCustody)', () => {
  it('under "laatu" a provider key never gets a token or URL and may not re-issue; the procurer may', async () => {
    const s = await programme({ providerEpisodes: 'trusted' })
    const imported = await importAs(s.keyA, s.programme.id, [episode(s.providerA.id)])
    expect(imported.status).toBe(201)
    expect(imported.data.episodes[0].status).toBe('confirmed')
    noLinkIn(imported.data)
    const eid = imported.data.episodes[0].id
    noLinkIn((await call('GET', `/api/v1/episodes/${eid}`, { key: s.keyA })).data)
    noLinkIn((await call('GET', `/api/v1/programmes/${s.programme.id}/episodes`, { key: s.keyA })).data)
    const reissue = await call('POST', `/api/v1/episodes/${eid}/invitation`, { key: s.keyA })
    expect(reissue.status).toBe(403)
    noLinkIn(reissue.data)
    const byProcurer = await call('POST', `/api/v1/episodes/${eid}/invitation`, { key: s.procurerKey })
    expect(byProcurer.status).toBe(201)
    expect(byProcurer.data.token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    const stored = await env.DB.prepare(
      'SELECT i.reissues FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE e.id = ?1',
    )
      .bind(eid)
      .first<{ reissues: number }>()
    expect(stored?.reissues).toBe(1)
  })

  it('under "provider" the provider gets links as before, and every figure says who handed them out', async () => {
    const s = await programme({ linkCustody: 'provider', providerEpisodes: 'trusted' })
    const imported = await importAs(s.keyA, s.programme.id, [episode(s.providerA.id)])
    expect(imported.data.episodes[0].invitation.token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    const reissue = await call('POST', `/api/v1/episodes/${imported.data.episodes[0].id}/invitation`, { key: s.keyA })
    expect(reissue.status).toBe(201)
    const scores = await call('GET', `/api/v1/programmes/${s.programme.id}/scores?from=2026-01-01&to=2026-12-31`, {
      key: s.procurerKey,
    })
    expect(scores.data.linkCustody).toBe('provider')
    expect(scores.data.providers.every((p: Json) => p.linkCustody === 'provider')).toBe(true)
    const ratings = await call('GET', `/api/v1/public/programmes/${s.programme.id}/ratings?period=2026`)
    expect(ratings.data.linkCustody).toBe('provider')
    const page = await call('GET', `/ratings/${s.programme.id}?lang=en&period=2026`)
    expect(page.data).toContain('Links handed out by the provider.')
  })

  it('gives the procurer the links of clients without contact data, as CSV, and audits the export', async () => {
    const s = await programme()
    const imported = await importAs(s.procurerKey, s.programme.id, [
      episode(s.providerA.id, { externalRef: 'NO-CONTACT-1' }),
      episode(s.providerA.id, { externalRef: 'HAS-EMAIL-1', contact: { email: 'client@example.fi' } }),
    ])
    expect(imported.status).toBe(201)
    const csv = await call('GET', `/api/v1/programmes/${s.programme.id}/invitation-links.csv`, { key: s.procurerKey })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('cache-control')).toBe('no-store')
    const lines = (csv.data as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('NO-CONTACT-1')
    const token = lines[1].slice(lines[1].lastIndexOf('/s/') + 3)
    expect(token).toBe(imported.data.episodes[0].invitation.token)
    expect((await call('GET', `/api/v1/respond/${token}`)).data.status).toBe('open')
    // once the client declines (or answers), the sealed copy of the link is erased
    await call('POST', `/api/v1/respond/${token}/decline`)
    const sealed = await env.DB.prepare('SELECT sealed_token FROM invitations WHERE episode_id = ?1')
      .bind(imported.data.episodes[0].id)
      .first<{ sealed_token: string | null }>()
    expect(sealed?.sealed_token).toBeNull()
    const after = await call('GET', `/api/v1/programmes/${s.programme.id}/invitation-links.csv`, { key: s.procurerKey })
    expect(after.data).not.toContain('NO-CONTACT-1')
    expect(
      (await call('GET', `/api/v1/programmes/${s.programme.id}/invitation-links.csv`, { key: s.keyA })).status,
    ).toBe(403)
    const audit = await call('GET', `/api/v1/audit?programmeId=${s.programme.id}`, { key: ADMIN })
    expect(audit.data.entries.some((e: Json) => e.path.endsWith('/invitation-links.csv') && e.method === 'GET')).toBe(
      true,
    )
  })
})

describe('who creates billable clients (providerEpisodes)', () => {
  it('keeps a provider import pending: no invitation, no fee, until the procurer confirms it', async () => {
    const s = await programme()
    const many = Array.from({ length: 200 }, (_, i) => episode(s.providerA.id, { externalRef: `BULK-${i}` }))
    const imported = await importAs(s.keyA, s.programme.id, many)
    expect(imported.status).toBe(201)
    expect(imported.data).toMatchObject({ created: 200, pending: 200 })
    expect(imported.data.episodes.every((e: Json) => e.status === 'pending' && e.invitation === null)).toBe(true)
    // the attack: invented clients would have paid 200 x EUR 1,000 in base fees
    expect(await simulatedTotal(s.procurerKey, s.programme.id)).toBe('0.00')

    const pending = await call('GET', `/api/v1/programmes/${s.programme.id}/episodes?status=pending`, {
      key: s.procurerKey,
    })
    expect(pending.data.episodes).toHaveLength(200)
    expect(pending.data.episodes[0].createdBy).toMatchObject({ role: 'provider', keyId: expect.any(String) })
    const ids = pending.data.episodes.map((e: Json) => e.id)
    const confirmed = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes/confirm`, {
      key: s.procurerKey,
      json: { episodeIds: ids.slice(0, 3) },
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.data.confirmed).toBe(3)
    expect(confirmed.data.episodes[0].token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    const rejected = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes/reject`, {
      key: s.procurerKey,
      json: { all: true, providerId: s.providerA.id, reason: 'Not our clients' },
    })
    expect(rejected.data.rejected).toBe(197)
    // the provider sees why, and a rejected episode has no link to re-issue
    const seen = await call('GET', `/api/v1/episodes/${ids[5]}`, { key: s.keyA })
    expect(seen.data).toMatchObject({ status: 'rejected', reviewNote: 'Not our clients', invitation: null })
    expect((await call('POST', `/api/v1/episodes/${ids[5]}/invitation`, { key: s.procurerKey })).status).toBe(409)
    expect(await simulatedTotal(s.procurerKey, s.programme.id)).toBe('3000.00')
    const one = await call('GET', `/api/v1/episodes/${ids[0]}`, { key: s.procurerKey })
    expect(one.data).toMatchObject({ status: 'confirmed', reviewedBy: { role: expect.any(String) } })
    // a provider cannot confirm its own clients, and confirming twice is refused (they are no longer pending)
    const self = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes/confirm`, {
      key: s.keyA,
      json: { episodeIds: ids.slice(3, 4) },
    })
    expect(self.status).toBe(403)
    const twice = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes/confirm`, {
      key: s.procurerKey,
      json: { episodeIds: ids.slice(0, 1) },
    })
    expect(twice.status).toBe(422)
    expect(twice.data.error.issues[0].path).toBe('episodeIds[0]')
  })

  it('keeps a provider riskClass as a proposal; only the procurer sets the class that prices fees', async () => {
    const s = await programme()
    const imported = await importAs(s.keyA, s.programme.id, [episode(s.providerA.id, { riskClass: 'A' })])
    const eid = imported.data.episodes[0].id
    const before = await call('GET', `/api/v1/episodes/${eid}`, { key: s.procurerKey })
    expect(before.data).toMatchObject({ riskClass: null, proposedRiskClass: 'A' })
    await call('POST', `/api/v1/programmes/${s.programme.id}/episodes/confirm`, {
      key: s.procurerKey,
      json: { episodeIds: [eid], riskClass: 'C' },
    })
    const after = await call('GET', `/api/v1/episodes/${eid}`, { key: s.procurerKey })
    expect(after.data).toMatchObject({ riskClass: 'C', proposedRiskClass: 'A' })
  })

  it('refuses a provider import where the programme lets only the procurer import ("off")', async () => {
    const s = await programme({ providerEpisodes: 'off' })
    expect((await importAs(s.keyA, s.programme.id, [episode(s.providerA.id)])).status).toBe(403)
    const patched = await call('PATCH', `/api/v1/programmes/${s.programme.id}`, {
      key: s.procurerKey,
      json: { providerEpisodes: 'confirm' },
    })
    expect(patched.data).toMatchObject({ providerEpisodes: 'confirm', linkCustody: 'laatu' })
    expect((await importAs(s.keyA, s.programme.id, [episode(s.providerA.id)])).status).toBe(201)
    const bad = await call('PATCH', `/api/v1/programmes/${s.programme.id}`, {
      key: s.procurerKey,
      json: { linkCustody: 'anyone' },
    })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues[0].path).toBe('linkCustody')
    expect(
      (await call('PATCH', `/api/v1/programmes/${s.programme.id}`, { key: s.keyA, json: { linkCustody: 'provider' } }))
        .status,
    ).toBe(403)
  })
})

describe('references that look alike', () => {
  it('refuses zero-width, no-break space, Cyrillic and bidi look-alikes; case makes no new client', async () => {
    const s = await programme({ providerEpisodes: 'trusted' })
    const first = await importAs(s.keyA, s.programme.id, [episode(s.providerA.id, { externalRef: 'RT-A-003' })])
    expect(first.status).toBe(201)
    for (const lookAlike of ['RT-A-\u200b003', 'RT-A\u00a0003', 'RT-\u0410-003', 'RT-A-\u202e003']) {
      const res = await importAs(s.keyA, s.programme.id, [episode(s.providerA.id, { externalRef: lookAlike })])
      expect(res.status, lookAlike).toBe(422)
      expect(res.data.error.issues[0].path).toBe('episodes[0].externalRef')
    }
    // the same reference in lower case is the same client: a repeat, or a conflict, never a second client
    const repeat = await importAs(s.keyA, s.programme.id, [episode(s.providerA.id, { externalRef: 'rt-a-003' })])
    expect(repeat.status).toBe(200)
    expect(repeat.data).toMatchObject({ created: 0, existing: 1 })
    expect(repeat.data.episodes[0].id).toBe(first.data.episodes[0].id)
    const full = await importAs(s.keyA, s.programme.id, [episode(s.providerA.id, { externalRef: 'ＲＴ-A-003' })])
    expect(full.data).toMatchObject({ created: 0, existing: 1 })
  })

  it('never names another provider episode in a conflict', async () => {
    const s = await programme({ providerEpisodes: 'trusted' })
    await importAs(s.keyA, s.programme.id, [episode(s.providerA.id, { externalRef: 'SHARED-1' })])
    const probe = await importAs(s.keyB, s.programme.id, [episode(s.providerB.id, { externalRef: 'shared-1' })])
    expect(probe.status).toBe(409)
    expect(probe.data.error.issues).toEqual([
      { path: 'episodes[0].externalRef', message: 'already used in this programme' },
    ])
    expect(JSON.stringify(probe.data)).not.toMatch(/epi_|prv_/)
  })
})
