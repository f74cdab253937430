import { env, exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { linkSettings } from '../src/app/deps.ts'
import { queueStatements } from '../src/db/outbox.ts'
import { runDelivery } from '../src/delivery/job.ts'
import { composeSms } from '../src/delivery/messages.ts'
import { messagesFor } from '../src/delivery/queue.ts'
import { type Outgoing, senderFromEnv } from '../src/delivery/senders.ts'
import type { Bindings } from '../src/env.ts'
import { sha256Hex } from '../src/lib/crypto.ts'
import { deliveryOrigin } from '../src/lib/links.ts'
import { call, episode, setupProgramme } from './helpers.ts'

/** PUBLIC_BASE_URL in vitest.config.ts */
const ORIGIN = 'http://laatu.test'
const DAY = 86_400_000
const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString()
const TOKEN = 'a'.repeat(43)
const invitation = {
  invitationId: 'inv_test',
  tokenHash: 'f'.repeat(64),
  issuedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: '2026-03-31T10:00:00.000Z',
  language: 'fi' as const,
}

type Row = { kind: string; channel: string; status: string; attempts: number; recipient: string | null }
const outbox = (invitationId: string) =>
  env.DB.prepare('SELECT kind, channel, status, attempts, recipient FROM outbox WHERE invitation_id = ?1 ORDER BY kind')
    .bind(invitationId)
    .all<Row>()
    .then((r) => r.results)

/**
 * An episode imported with only a phone number, and its text messages queued the way the import route
 * queues them: messagesFor(invitation, {email, phone, provider, token}, reminderDays).
 */
async function textInvited(phone = '040 123 4567', language = 'fi') {
  const s = await setupProgramme()
  const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
    key: s.procurerKey,
    json: { episodes: [episode(s.providerA.id, { customerType: 'jobseeker', language, contact: { phone } })] },
  })
  expect(res.status).toBe(201)
  const e = res.data.episodes[0]
  const stored = await env.DB.prepare(
    'SELECT contact_email AS email, contact_phone AS phone FROM episodes WHERE id = ?1',
  )
    .bind(e.id)
    .first<{ email: string | null; phone: string | null }>()
  const messages = messagesFor(
    { ...e.invitation, invitationId: e.invitation.id, tokenHash: await sha256Hex(e.invitation.token) },
    { email: stored!.email, phone: stored!.phone, provider: s.providerA.name, token: e.invitation.token },
    7,
  )
  await env.DB.batch(queueStatements(env.DB, messages))
  return {
    ...s,
    episodeId: e.id as string,
    invitationId: e.invitation.id as string,
    token: e.invitation.token as string,
    issuedAt: e.invitation.issuedAt as string,
  }
}

describe('messagesFor', () => {
  it('sends email when there is an address, else a text message to the E.164 number, else nothing', () => {
    const email = messagesFor(
      invitation,
      { email: 'a@example.fi', phone: '040 123 4567', provider: 'P', token: TOKEN },
      7,
    )
    expect(email.map((m) => [m.kind, m.channel, m.recipient])).toEqual([
      ['invitation', 'email', 'a@example.fi'],
      ['reminder', 'email', 'a@example.fi'],
    ])
    const sms = messagesFor(invitation, { email: null, phone: '040 123 4567', provider: 'P', token: TOKEN }, 7)
    expect(sms.map((m) => [m.kind, m.channel, m.recipient, m.subject, m.sendAfter])).toEqual([
      ['invitation', 'sms', '+358401234567', '', invitation.issuedAt],
      ['reminder', 'sms', '+358401234567', '', '2026-03-08T10:00:00.000Z'],
    ])
    expect(sms[0].body).toContain(`{{origin}}/s/${TOKEN}`)
    expect(sms[0].dedupeKey).not.toBe(email[0].dedupeKey)
    expect(messagesFor(invitation, { phone: '+46 70 123 45 67', provider: 'P', token: TOKEN }, 7)[0].recipient).toBe(
      '+46701234567',
    )
    expect(messagesFor(invitation, { provider: 'P', token: TOKEN }, 7)).toEqual([])
    expect(messagesFor(invitation, { email: '', phone: '12345', provider: 'P', token: TOKEN }, 7)).toEqual([])
  })
})

describe('text message wording', () => {
  const link = `https://laatu.example.fi/s/${TOKEN}`
  const longName = `Työllisyyspalvelut ${'Pirkanmaan Kasvupolku '.repeat(10)}Oy`.slice(0, 200)

  it.each(['fi', 'sv', 'en'] as const)(
    '%s: under 300 characters with the link, even for a long provider name',
    (lang) => {
      for (const [kind, wave] of [
        ['invitation', 'exit'],
        ['reminder', 'exit'],
        ['invitation', 'followup'],
        ['reminder', 'followup'],
      ] as const) {
        const text = composeSms(kind, lang, longName, link, invitation.expiresAt, wave)
        expect(text.length, text).toBeLessThan(300)
        expect(text).toContain(` ${link} `)
        expect(text).toContain({ fi: '31.3.2026', sv: '31.3.2026', en: '31 March 2026' }[lang])
        expect(text).not.toContain('\n')
      }
      expect(composeSms('invitation', lang, 'Kasvupolku Oy', link, invitation.expiresAt)).toContain('Kasvupolku Oy')
    },
  )

  it('speaks the respondent language', () => {
    const texts = (['fi', 'sv', 'en'] as const).map((l) => composeSms('reminder', l, 'P', link, invitation.expiresAt))
    expect(texts[0]).toMatch(/^Muistutus/)
    expect(texts[1]).toMatch(/^Påminnelse/)
    expect(texts[2]).toMatch(/^Reminder/)
  })
})

describe('text message delivery', () => {
  afterEach(() => vi.restoreAllMocks())

  it('refuses at import a phone number that cannot be written in E.164', async () => {
    const s = await setupProgramme()
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id, { contact: { phone: '401 234 567' } })] },
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues).toEqual([
      {
        path: 'episodes[0].contact.phone',
        message: 'must be a phone number with its country code (+358 40 123 4567) or a Finnish one (040 123 4567)',
      },
    ])
  })

  it('sends the invitation and one reminder by SMS, each once, with the configured origin', async () => {
    const i = await textInvited()
    expect(await outbox(i.invitationId)).toEqual([
      { kind: 'invitation', channel: 'sms', status: 'pending', attempts: 0, recipient: '+358401234567' },
      { kind: 'reminder', channel: 'sms', status: 'pending', attempts: 0, recipient: '+358401234567' },
    ])
    const sent: Outgoing[] = []
    const capture = async (m: Outgoing) => void sent.push(m)
    const mine = () => sent.filter((m) => m.body.includes(i.token))
    await runDelivery(env.DB, later(i.issuedAt, 0.001), capture, ORIGIN, linkSettings(env))
    await runDelivery(env.DB, later(i.issuedAt, 1), capture, ORIGIN, linkSettings(env))
    expect(mine()).toHaveLength(1)
    expect(mine()[0]).toMatchObject({ channel: 'sms', recipient: '+358401234567', subject: '' })
    expect(mine()[0].body).toContain(`${ORIGIN}/s/${i.token} `)
    expect(mine()[0].body.length).toBeLessThan(300)
    await runDelivery(env.DB, later(i.issuedAt, 7.01), capture, ORIGIN, linkSettings(env))
    expect(mine()).toHaveLength(2)
    expect(mine()[1].body).toMatch(/^Muistutus/)
    expect((await outbox(i.invitationId)).map((r) => [r.kind, r.status, r.recipient])).toEqual([
      ['invitation', 'sent', null],
      ['reminder', 'sent', null],
    ])
  })

  it('never reminds after a decline, and erases the phone number when the invitation closes', async () => {
    const i = await textInvited('+358 50 765 4321', 'sv')
    await runDelivery(env.DB, later(i.issuedAt, 0.001), async () => {}, ORIGIN, linkSettings(env))
    expect((await call('POST', `/api/v1/respond/${i.token}/decline`)).status).toBe(200)
    const sent: Outgoing[] = []
    await runDelivery(env.DB, later(i.issuedAt, 8), async (m) => void sent.push(m), ORIGIN, linkSettings(env))
    expect(sent.some((m) => m.body.includes(i.token))).toBe(false)
    expect((await outbox(i.invitationId)).map((r) => [r.kind, r.status, r.recipient])).toEqual([
      ['invitation', 'sent', null],
      ['reminder', 'cancelled', null],
    ])
    const contact = await env.DB.prepare('SELECT contact_phone FROM episodes WHERE id = ?1')
      .bind(i.episodeId)
      .first<{ contact_phone: string | null }>()
    expect(contact?.contact_phone).toBeNull()
  })

  it('retries a failed SMS with backoff and gives up after the last attempt, never sending twice', async () => {
    const i = await textInvited('040 555 0101')
    let calls = 0
    const failing = async (m: Outgoing) => {
      if (m.recipient === '+358405550101') {
        calls++
        throw new Error('SMS API answered 503')
      }
    }
    let t = later(i.issuedAt, 0.001)
    await runDelivery(env.DB, t, failing, ORIGIN, linkSettings(env))
    await runDelivery(env.DB, new Date(Date.parse(t) + 30_000).toISOString(), failing, ORIGIN, linkSettings(env))
    expect(calls).toBe(1)
    for (const minutes of [1, 5, 30, 120, 720]) {
      t = new Date(Date.parse(t) + (minutes + 1) * 60_000).toISOString()
      await runDelivery(env.DB, t, failing, ORIGIN, linkSettings(env))
    }
    expect(calls).toBe(6)
    const [first] = await outbox(i.invitationId)
    expect(first).toMatchObject({ kind: 'invitation', status: 'failed', attempts: 6, recipient: null })
  })

  it('lets only one of two overlapping runs send a text message', async () => {
    const i = await textInvited('040 555 0202')
    const sent: string[] = []
    const capture = async (m: Outgoing) => {
      if (m.recipient === '+358405550202') sent.push(m.id)
    }
    const t = later(i.issuedAt, 0.001)
    await Promise.all([
      runDelivery(env.DB, t, capture, ORIGIN, linkSettings(env)),
      runDelivery(env.DB, t, capture, ORIGIN, linkSettings(env)),
    ])
    expect(sent).toHaveLength(1)
  })

  it('keeps text messages in the development mailbox with the log sender, and shows them there', async () => {
    const i = await textInvited('040 555 0303', 'en')
    await runDelivery(env.DB, later(i.issuedAt, 0.001), senderFromEnv(env), ORIGIN, linkSettings(env))
    const row = await env.DB.prepare(
      "SELECT channel, subject, body FROM dev_mailbox WHERE recipient = '+358405550303'",
    ).first<{ channel: string; subject: string; body: string }>()
    expect(row).toMatchObject({ channel: 'sms', subject: '' })
    expect(row?.body).toContain(`${ORIGIN}/s/${i.token}`)
    const page = await exports.default.fetch(new Request('http://127.0.0.1:8787/dev/mailbox'))
    const html = await page.text()
    expect(html).toContain('SMS to +358405550303')
    expect(html).toContain('Text message (')
  })

  it('posts JSON with the bearer key to SMS_API_URL with the http sender', async () => {
    const requests: Request[] = []
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      requests.push(new Request(input, init))
      return new Response('{}', { status: requests.length === 1 ? 202 : 500 })
    })
    const sms: Bindings = {
      ...env,
      MAIL_SENDER: 'http',
      SMS_SENDER: 'http',
      SMS_API_URL: 'https://sms.example.fi/v1/messages',
      SMS_API_KEY: 'sms-secret',
      SMS_FROM: 'Laatu',
    } as Bindings
    const message: Outgoing = { id: 'msg_1', channel: 'sms', recipient: '+358401234567', subject: '', body: 'Hei' }
    await senderFromEnv(sms)(message, invitation.issuedAt)
    expect(requests).toHaveLength(1)
    expect(requests[0].url).toBe('https://sms.example.fi/v1/messages')
    expect(requests[0].method).toBe('POST')
    expect(requests[0].headers.get('authorization')).toBe('Bearer sms-secret')
    expect(requests[0].headers.get('content-type')).toBe('application/json')
    expect(await requests[0].json()).toEqual({ id: 'msg_1', from: 'Laatu', to: '+358401234567', text: 'Hei' })
    // a failed answer is a throw, which the job retries later
    await expect(senderFromEnv(sms)(message, invitation.issuedAt)).rejects.toThrow('SMS API answered 500')
    // without its key or URL it sends nothing
    await expect(senderFromEnv({ ...sms, SMS_API_KEY: undefined })(message, invitation.issuedAt)).rejects.toThrow(
      /SMS_API_KEY/,
    )
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('a deployed Worker without SMS_SENDER fails text messages and says why; it never sends them to the log', async () => {
    const deployed = { ...env, MAIL_SENDER: 'http', SMS_SENDER: undefined } as Bindings
    const message: Outgoing = { id: 'msg_2', channel: 'sms', recipient: '+358401234567', subject: '', body: 'Hei' }
    await expect(senderFromEnv(deployed)(message, invitation.issuedAt)).rejects.toThrow(/SMS_SENDER is not set/)
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM dev_mailbox WHERE outbox_id = 'msg_2'").first<{ n: number }>(),
    ).toEqual({ n: 0 })
    // and a real SMS sender needs the trusted origin like email does
    expect(deliveryOrigin({ MAIL_SENDER: 'log', SMS_SENDER: 'http' })).toBeNull()
  })
})

describe('text messages through the import and re-issue routes', () => {
  it('an import with only a phone number queues the SMS; a re-issue replaces it', async () => {
    const s = await setupProgramme()
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id, { language: 'sv', contact: { phone: '0400 111 222' } })] },
    })
    const e = res.data.episodes[0]
    expect(await outbox(e.invitation.id)).toEqual([
      { kind: 'invitation', channel: 'sms', status: 'pending', attempts: 0, recipient: '+358400111222' },
      { kind: 'reminder', channel: 'sms', status: 'pending', attempts: 0, recipient: '+358400111222' },
    ])
    const re = await call('POST', `/api/v1/episodes/${e.id}/invitation`, { key: s.procurerKey })
    expect(re.status).toBe(201)
    const rows = await env.DB.prepare(
      'SELECT channel, status, body FROM outbox WHERE invitation_id = ?1 ORDER BY created_at, kind',
    )
      .bind(e.invitation.id)
      .all<{ channel: string; status: string; body: string | null }>()
    expect(rows.results.map((r) => [r.channel, r.status])).toEqual([
      ['sms', 'cancelled'],
      ['sms', 'cancelled'],
      ['sms', 'pending'],
      ['sms', 'pending'],
    ])
    expect(rows.results[2].body).toContain(`{{origin}}/s/${re.data.token}`)
  })
})
