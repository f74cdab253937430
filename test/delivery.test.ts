import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { linkSettings } from '../src/app/deps.ts'
import { runDelivery } from '../src/delivery/job.ts'
import { type Outgoing, senderFromEnv } from '../src/delivery/senders.ts'
import { call, episode, setupProgramme } from './helpers.ts'

/** PUBLIC_BASE_URL in vitest.config.ts */
const ORIGIN = 'http://laatu.test'
const DAY = 86_400_000
const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString()
const outbox = (invitationId: string) =>
  env.DB.prepare(
    'SELECT kind, status, attempts, recipient, body IS NOT NULL AS hasBody FROM outbox WHERE invitation_id = ?1 ORDER BY kind',
  )
    .bind(invitationId)
    .all<{ kind: string; status: string; attempts: number; recipient: string | null; hasBody: number }>()
    .then((r) => r.results)

async function invited(email = 'asiakas@example.fi', language = 'fi') {
  const s = await setupProgramme()
  const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
    key: s.procurerKey,
    json: { episodes: [episode(s.providerA.id, { language, contact: { email } })] },
  })
  const e = res.data.episodes[0]
  return {
    ...s,
    episodeId: e.id as string,
    invitationId: e.invitation.id as string,
    token: e.invitation.token as string,
    issuedAt: e.invitation.issuedAt as string,
    url: e.invitation.url as string,
  }
}

describe('invitation delivery', () => {
  it('queues the invitation and one reminder with the import, and sends each once', async () => {
    const i = await invited()
    expect(await outbox(i.invitationId)).toEqual([
      { kind: 'invitation', status: 'pending', attempts: 0, recipient: 'asiakas@example.fi', hasBody: 1 },
      { kind: 'reminder', status: 'pending', attempts: 0, recipient: 'asiakas@example.fi', hasBody: 1 },
    ])
    const sent: Outgoing[] = []
    const sender = async (m: Outgoing) => void sent.push(m)
    await runDelivery(env.DB, later(i.issuedAt, 0.001), sender, ORIGIN, linkSettings(env))
    expect(sent.filter((m) => m.recipient === 'asiakas@example.fi')).toHaveLength(1)
    expect(sent[0].body).toContain(i.url)
    expect(sent[0].subject).toContain(i.providerA.name)
    // running again sends nothing new; the reminder waits for day 7
    await runDelivery(env.DB, later(i.issuedAt, 1), sender, ORIGIN, linkSettings(env))
    expect(sent.filter((m) => m.body.includes(i.url))).toHaveLength(1)
    await runDelivery(env.DB, later(i.issuedAt, 7.01), sender, ORIGIN, linkSettings(env))
    const mine = sent.filter((m) => m.body.includes(i.url))
    expect(mine).toHaveLength(2)
    expect(mine[1].subject).toMatch(/^Muistutus/)
    const rows = await outbox(i.invitationId)
    expect(rows.map((r) => [r.kind, r.status, r.recipient, r.hasBody])).toEqual([
      ['invitation', 'sent', null, 0],
      ['reminder', 'sent', null, 0],
    ])
  })

  it('never reminds after a completion or decline, and erases the contact when the invitation closes', async () => {
    const i = await invited()
    await runDelivery(env.DB, later(i.issuedAt, 0.001), async () => {}, ORIGIN, linkSettings(env))
    await call('POST', `/api/v1/respond/${i.token}/decline`)
    const sent: Outgoing[] = []
    await runDelivery(env.DB, later(i.issuedAt, 8), async (m) => void sent.push(m), ORIGIN, linkSettings(env))
    expect(sent.some((m) => m.body.includes(i.url))).toBe(false)
    expect((await outbox(i.invitationId)).map((r) => [r.kind, r.status, r.recipient])).toEqual([
      ['invitation', 'sent', null],
      ['reminder', 'cancelled', null],
    ])
    const contact = await env.DB.prepare('SELECT contact_email FROM episodes WHERE id = ?1')
      .bind(i.episodeId)
      .first<{ contact_email: string | null }>()
    expect(contact!.contact_email).toBeNull()
  })

  it('retries a failed send with backoff and gives up after the last attempt, never sending twice', async () => {
    const i = await invited('flaky@example.fi')
    let calls = 0
    const failing = async (m: Outgoing) => {
      if (m.recipient === 'flaky@example.fi') {
        calls++
        throw new Error('mail API answered 503')
      }
    }
    let t = later(i.issuedAt, 0.001)
    await runDelivery(env.DB, t, failing, ORIGIN, linkSettings(env))
    expect(calls).toBe(1)
    // not retried before its backoff time
    await runDelivery(env.DB, new Date(Date.parse(t) + 30_000).toISOString(), failing, ORIGIN, linkSettings(env))
    expect(calls).toBe(1)
    for (const minutes of [1, 5, 30, 120, 720]) {
      t = new Date(Date.parse(t) + (minutes + 1) * 60_000).toISOString()
      await runDelivery(env.DB, t, failing, ORIGIN, linkSettings(env))
    }
    expect(calls).toBe(6)
    const [invitation] = await outbox(i.invitationId)
    expect(invitation).toMatchObject({ kind: 'invitation', status: 'failed', attempts: 6, recipient: null })
    await runDelivery(env.DB, later(t, 1), failing, ORIGIN, linkSettings(env))
    expect(calls).toBe(6)
  })

  it('lets only one of two overlapping runs send a message', async () => {
    const i = await invited('once@example.fi')
    const sent: string[] = []
    const slow = async (m: Outgoing) => {
      if (m.recipient === 'once@example.fi') sent.push(m.id)
    }
    const t = later(i.issuedAt, 0.001)
    await Promise.all([
      runDelivery(env.DB, t, slow, ORIGIN, linkSettings(env)),
      runDelivery(env.DB, t, slow, ORIGIN, linkSettings(env)),
    ])
    expect(sent).toHaveLength(1)
  })

  it('re-issuing drops the messages with the old link and queues the new one', async () => {
    const i = await invited('again@example.fi', 'sv')
    const re = await call('POST', `/api/v1/episodes/${i.episodeId}/invitation`, { key: i.procurerKey })
    const rows = await env.DB.prepare(
      'SELECT kind, status, body FROM outbox WHERE invitation_id = ?1 ORDER BY created_at, kind',
    )
      .bind(i.invitationId)
      .all<{ kind: string; status: string; body: string | null }>()
    expect(rows.results.map((r) => [r.kind, r.status])).toEqual([
      ['invitation', 'cancelled'],
      ['reminder', 'cancelled'],
      ['invitation', 'pending'],
      ['reminder', 'pending'],
    ])
    // queued without an origin: the job fills in PUBLIC_BASE_URL when it sends
    expect(rows.results[2].body).toContain(`{{origin}}/s/${re.data.token}`)
    expect(rows.results[2].body).toContain('Hej')
  })

  it('delivers to the local mailbox with the log sender', async () => {
    const i = await invited('mailbox@example.fi', 'en')
    await runDelivery(env.DB, later(i.issuedAt, 0.001), senderFromEnv(env), ORIGIN, linkSettings(env))
    const row = await env.DB.prepare(
      "SELECT subject, body FROM dev_mailbox WHERE recipient = 'mailbox@example.fi'",
    ).first<{ subject: string; body: string }>()
    expect(row!.subject).toContain('Tell us what the service gave you')
    expect(row!.body).toContain(i.url)
  })

  it('shows the mailbox page only on a local server', async () => {
    const local = await exports.default.fetch(new Request('http://127.0.0.1:8787/dev/mailbox'))
    expect(local.status).toBe(200)
    expect(await local.text()).toContain('Development mailbox')
    expect((await call('GET', '/dev/mailbox')).status).toBe(404)
  })
})
