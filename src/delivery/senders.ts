import { type Channel, deliverToMailbox } from '../db/outbox.ts'
import type { Bindings } from '../env.ts'

/** A message as sent: for 'sms' the recipient is an E.164 number, the subject empty, the body the text. */
export type Outgoing = { id: string; channel: Channel; recipient: string; subject: string; body: string }
/** Sends one message or throws; the job retries a throw later. */
export type Sender = (m: Outgoing, now: string) => Promise<void>

/** Emails go by MAIL_SENDER, text messages by SMS_SENDER. */
export function senderFromEnv(env: Bindings): Sender {
  const mail = mailSenderFromEnv(env)
  const sms = smsSenderFromEnv(env)
  return (m, now) => (m.channel === 'sms' ? sms : mail)(m, now)
}

/**
 * The deployer picks the sender with MAIL_SENDER: "log" keeps messages in the local mailbox
 * (development), "http" posts JSON to MAIL_API_URL (any mail API), "cloudflare" uses the send_email
 * binding EMAIL. An unknown value sends nothing and says so, rather than losing messages silently.
 */
function mailSenderFromEnv(env: Bindings): Sender {
  switch (env.MAIL_SENDER ?? 'log') {
    case 'log':
      return (m, now) => deliverToMailbox(env.DB, m.id, m, now)
    case 'http':
      return async (m) => {
        if (!env.MAIL_API_URL) throw new Error('MAIL_API_URL is not set')
        const res = await fetch(env.MAIL_API_URL, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(env.MAIL_API_KEY ? { authorization: `Bearer ${env.MAIL_API_KEY}` } : {}),
          },
          // The message id lets the mail API drop a repeat, should one ever reach it.
          body: JSON.stringify({ id: m.id, from: env.MAIL_FROM, to: m.recipient, subject: m.subject, text: m.body }),
        })
        if (!res.ok) throw new Error(`mail API answered ${res.status}`)
      }
    case 'cloudflare':
      return async (m) => {
        if (!env.EMAIL || !env.MAIL_FROM) throw new Error('the EMAIL binding or MAIL_FROM is not configured')
        const { EmailMessage } = await import('cloudflare:email')
        const raw = [
          `From: ${env.MAIL_FROM}`,
          `To: ${m.recipient}`,
          `Subject: =?utf-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(m.subject)))}?=`,
          `Message-ID: <${m.id}@laatu>`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: 8bit',
          '',
          m.body,
        ].join('\r\n')
        await env.EMAIL.send(new EmailMessage(env.MAIL_FROM, m.recipient, raw))
      }
    default:
      return async () => {
        throw new Error(`unknown MAIL_SENDER "${env.MAIL_SENDER}"`)
      }
  }
}

/**
 * SMS_SENDER: "log" keeps text messages in the local mailbox (development); "http" posts JSON to
 * SMS_API_URL with `Authorization: Bearer <SMS_API_KEY>`:
 *
 *   {"id": "msg_…", "from": SMS_FROM, "to": "+358401234567", "text": "…"}
 *
 * and counts any 2xx answer as sent (the id lets the SMS API drop a repeat). Unset, it is "log" only
 * while MAIL_SENDER is "log"; a deployed Worker must choose, or text messages fail and say why.
 */
function smsSenderFromEnv(env: Bindings): Sender {
  const choice = env.SMS_SENDER ?? ((env.MAIL_SENDER ?? 'log') === 'log' ? 'log' : undefined)
  switch (choice) {
    case 'log':
      return (m, now) => deliverToMailbox(env.DB, m.id, m, now)
    case 'http':
      return async (m) => {
        if (!env.SMS_API_URL || !env.SMS_API_KEY) throw new Error('SMS_API_URL or the secret SMS_API_KEY is not set')
        const res = await fetch(env.SMS_API_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${env.SMS_API_KEY}` },
          body: JSON.stringify({ id: m.id, from: env.SMS_FROM, to: m.recipient, text: m.body }),
        })
        if (!res.ok) throw new Error(`SMS API answered ${res.status}`)
      }
    case undefined:
      return async () => {
        throw new Error('SMS_SENDER is not set: text messages are not sent (set it to "http" with SMS_API_URL)')
      }
    default:
      return async () => {
        throw new Error(`unknown SMS_SENDER "${env.SMS_SENDER}"`)
      }
  }
}
