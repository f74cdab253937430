// Review of issue 15's follow-up wave under provider custody: a follow-up reports the outcomes result components
// pay the provider for, so its link is never handed to a provider key by any route, whatever the custody; the
// procurer's queue says for each reported outcome who held the link it was answered through.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { linkSettings } from '../src/app/deps.ts'
import { runDelivery } from '../src/delivery/job.ts'
import type { Outgoing } from '../src/delivery/senders.ts'
import { mayHoldLinks } from '../src/domain/custody.ts'
import { documentedShapes } from './documented-shapes.ts'
import { call, episode, type Json, setupProgramme } from './helpers.ts'

const ORIGIN = 'http://laatu.test'
const DAY = 86_400_000
const NOW = new Date().toISOString()
const day = (offset: number) => new Date(Date.parse(NOW) + offset * DAY).toISOString().slice(0, 10)
const TOKEN = /\/s\/([A-Za-z0-9_-]+)/g

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
})

/** Answers a follow-up "recruited: yes" (20 h a week from `on`) through its page without JavaScript. */
async function reportHire(token: string, on: string) {
  const fields = { page: '0', lang: 'fi', action: 'complete', recruited: 'true' }
  await call('POST', `/s/${token}`, form({ ...fields, shown: 'recruited' }))
  const done = await call(
    'POST',
    `/s/${token}`,
    form({ ...fields, weekly_hours: '20', start_date: on, shown: 'recruited,weekly_hours,start_date' }),
  )
  expect(done.status).toBe(303)
}

describe('follow-up links under provider custody', () => {
  it('are the one wave no provider key may hold, whatever the custody', () => {
    const provider = { role: 'provider', keyId: 'key_a', programmeId: 'prg_a', providerId: 'prv_a' } as const
    const procurer = { role: 'procurer', keyId: 'key_p', programmeId: 'prg_a' } as const
    for (const custody of ['laatu', 'provider'] as const) {
      expect(mayHoldLinks(provider, custody, 'followup')).toBe(false)
      expect(mayHoldLinks(procurer, custody, 'followup')).toBe(true)
      expect(mayHoldLinks(provider, custody, 'exit')).toBe(custody === 'provider')
    }
  })

  it('never reach a provider key; the queue says who held each link', async () => {
    const s = await setupProgramme({ followUpDays: 92, linkCustody: 'provider', providerEpisodes: 'trusted' })
    const pid = s.programme.id
    const rows = [
      episode(s.providerA.id, { startedOn: day(-130), endedOn: day(-92), contact: { email: 'mailed@example.fi' } }),
      episode(s.providerA.id, { startedOn: day(-130), endedOn: day(-92) }),
    ]
    // the provider imports its own clients and, under provider custody, holds their exit links
    const imported = await call('POST', `/api/v1/programmes/${pid}/episodes`, { key: s.keyA, json: { episodes: rows } })
    expect(imported.status).toBe(201)
    const [mailed, sealed] = imported.data.episodes as Json[]
    expect(sealed.invitation.token).toEqual(expect.any(String))

    // the follow-up day: Laatu mails one follow-up and seals the other for the procurer
    const sent: Outgoing[] = []
    await runDelivery(env.DB, NOW, async (m) => void sent.push(m), ORIGIN, linkSettings(env))
    const mail = sent.find((m) => m.recipient === 'mailed@example.fi' && m.subject.startsWith('Mitä palvelun'))!
    const mailedToken = [...mail.body.matchAll(TOKEN)][0][1]
    const csv = (await call('GET', `/api/v1/programmes/${pid}/invitation-links.csv`, { key: s.procurerKey }))
      .data as string
    const sealedLine = csv.split('\r\n').find((l) => l.includes(',followup,'))!
    expect(sealedLine).toContain(sealed.externalRef)
    const sealedToken = [...sealedLine.matchAll(TOKEN)][0][1]

    // every route a provider key may call for these clients: none hands it a follow-up link
    const seen: string[] = []
    const asProvider = async (method: string, path: string, json?: unknown) => {
      const res = await call(method, path, { key: s.keyA, ...(json === undefined ? {} : { json }) })
      seen.push(`${res.status} ${typeof res.data === 'string' ? res.data : JSON.stringify(res.data)}`)
      return res
    }
    expect((await asProvider('GET', `/api/v1/programmes/${pid}/invitation-links.csv`)).status).toBe(403)
    expect(
      (await asProvider('GET', `/api/v1/programmes/${pid}/invitation-links.csv?providerId=${s.providerA.id}`)).status,
    ).toBe(403)
    await asProvider('POST', `/api/v1/programmes/${pid}/episodes`, { episodes: rows })
    await asProvider('GET', `/api/v1/programmes/${pid}/episodes`)
    for (const e of [mailed, sealed]) {
      await asProvider('GET', `/api/v1/episodes/${e.id}`)
      // re-issuing replaces the exit link it holds, not the follow-up's
      expect((await asProvider('POST', `/api/v1/episodes/${e.id}/invitation`)).status).toBe(201)
    }
    for (const token of [mailedToken, sealedToken]) {
      expect(seen.filter((text) => text.includes(token))).toEqual([])
      expect((await call('GET', `/s/${token}`)).status).toBe(200)
    }

    // both answered: the queue says who held each link
    await reportHire(mailedToken, day(-50))
    await reportHire(sealedToken, day(-40))
    const queue = await call('GET', `/api/v1/programmes/${pid}/reported-outcomes`, { key: s.procurerKey })
    documentedShapes((await call('GET', '/api/v1/openapi.json')).data)('ReportedOutcomeList', queue.data)
    const heldBy = Object.fromEntries(queue.data.reportedOutcomes.map((r: Json) => [r.episodeId, r.linkHeldBy]))
    expect(heldBy).toEqual({ [mailed.id]: 'laatu', [sealed.id]: 'procurer' })
    // the provider key cannot read the queue at all
    expect((await asProvider('GET', `/api/v1/programmes/${pid}/reported-outcomes`)).status).toBe(403)
  })
})
