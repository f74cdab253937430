import { inviteDueFollowUps, type LinkSettings } from '../app/follow-ups.ts'
import { claim, dueMessages, markFailed, markSent, sweep } from '../db/outbox.ts'
import { fillOrigin } from '../lib/links.ts'
import type { Sender } from './senders.ts'

/** Minutes to wait after the n-th failed attempt; after the last one the message is given up. */
const BACKOFF_MINUTES = [1, 5, 30, 120, 720]
const BATCH = 50
const STALE_SENDING_MINUTES = 60

const minutesLater = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString()

export type DeliveryReport = {
  /** Follow-up invitations made this run (their messages are sent in the same run). */
  followUps: number
  sent: number
  failed: number
  retried: number
  cancelled: number
  contactsErased: number
  /** Due messages left queued because no trusted origin for their links is configured. */
  held: number
}

/**
 * The scheduled job: invite the episodes whose follow-up day has come (with `links`), erase the contacts of
 * closed invitations that no follow-up still needs, then send what is due. Each message is
 * claimed before it is sent, so two overlapping runs cannot both send it. Links in queued messages get
 * their origin here, from `origin` (deliveryOrigin: PUBLIC_BASE_URL); with no trusted origin nothing is
 * sent, the messages stay queued, and the job says why. Erasure runs either way.
 */
export async function runDelivery(
  db: D1Database,
  now: string,
  send: Sender,
  origin: string | null,
  links: LinkSettings,
): Promise<DeliveryReport> {
  const followUps = await inviteDueFollowUps(db, now, links)
  const swept = await sweep(db, now, minutesLater(now, -STALE_SENDING_MINUTES))
  const report: DeliveryReport = {
    followUps,
    sent: 0,
    failed: 0,
    retried: 0,
    cancelled: swept.cancelled,
    contactsErased: swept.contactsErased,
    held: 0,
  }
  const due = await dueMessages(db, now, BATCH)
  if (origin === null) {
    report.held = due.length
    if (due.length > 0) {
      console.warn(
        `delivery: ${due.length} due message(s) left queued: PUBLIC_BASE_URL is not set (or not an http(s) URL), so there is no trusted origin for survey links; only MAIL_SENDER=log may run without it`,
      )
    }
    return report
  }
  for (const m of due) {
    const taken = await claim(db, m.id, now)
    if (taken === 'cancelled') report.cancelled++
    if (taken !== 'claimed') continue
    try {
      await send(
        { id: m.id, channel: m.channel, recipient: m.recipient, subject: m.subject, body: fillOrigin(m.body, origin) },
        now,
      )
      await markSent(db, m.id, now)
      report.sent++
    } catch (err) {
      const attempt = m.attempts + 1
      const retryAt = attempt <= BACKOFF_MINUTES.length ? minutesLater(now, BACKOFF_MINUTES[attempt - 1]) : null
      await markFailed(db, m.id, String(err), retryAt)
      if (retryAt) report.retried++
      else report.failed++
    }
  }
  return report
}
