import { claim, dueMessages, markFailed, markSent, sweep } from '../db/outbox.ts'
import type { Sender } from './senders.ts'

/** Minutes to wait after the n-th failed attempt; after the last one the message is given up. */
const BACKOFF_MINUTES = [1, 5, 30, 120, 720]
const BATCH = 50
const STALE_SENDING_MINUTES = 60

const minutesLater = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString()

export type DeliveryReport = {
  sent: number
  failed: number
  retried: number
  cancelled: number
  contactsErased: number
}

/**
 * The scheduled job: erase the contacts of closed invitations, then send what is due. Each message is
 * claimed before it is sent, so two overlapping runs cannot both send it.
 */
export async function runDelivery(db: D1Database, now: string, send: Sender): Promise<DeliveryReport> {
  const swept = await sweep(db, now, minutesLater(now, -STALE_SENDING_MINUTES))
  const report: DeliveryReport = {
    sent: 0,
    failed: 0,
    retried: 0,
    cancelled: swept.cancelled,
    contactsErased: swept.contactsErased,
  }
  for (const m of await dueMessages(db, now, BATCH)) {
    const taken = await claim(db, m.id, now)
    if (taken === 'cancelled') report.cancelled++
    if (taken !== 'claimed') continue
    try {
      await send({ id: m.id, recipient: m.recipient, subject: m.subject, body: m.body }, now)
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
