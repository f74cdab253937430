import { deliverToMailbox } from '../db/outbox.ts'
import type { Bindings } from '../env.ts'

export type Outgoing = { id: string; recipient: string; subject: string; body: string }
/** Sends one message or throws; the job retries a throw later. */
export type Sender = (m: Outgoing, now: string) => Promise<void>

/**
 * The deployer picks the sender with MAIL_SENDER: "log" keeps messages in the local mailbox
 * (development), "http" posts JSON to MAIL_API_URL (any mail API), "cloudflare" uses the send_email
 * binding EMAIL. An unknown value sends nothing and says so, rather than losing messages silently.
 */
export function senderFromEnv(env: Bindings): Sender {
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
