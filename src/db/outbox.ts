/** How a message travels: email, or a text message to an E.164 phone number. */
export type Channel = 'email' | 'sms'

export type OutboxMessage = {
  id: string
  invitationId: string
  kind: 'invitation' | 'reminder'
  channel: Channel
  dedupeKey: string
  /** An email address, or an E.164 phone number for 'sms' */
  recipient: string
  subject: string
  body: string
  sendAfter: string
  createdAt: string
}

/** Queues messages of open invitations; a message already queued (same dedupe key) is left as it is. */
export function queueStatements(db: D1Database, messages: OutboxMessage[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = []
  for (let i = 0; i < messages.length; i += 500) {
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO outbox (id, invitation_id, kind, channel, dedupe_key, recipient, subject, body, send_after, created_at)
           SELECT m ->> '$.id', m ->> '$.invitationId', m ->> '$.kind', m ->> '$.channel', m ->> '$.dedupeKey', m ->> '$.recipient',
             m ->> '$.subject', m ->> '$.body', m ->> '$.sendAfter', m ->> '$.createdAt'
           FROM (SELECT value AS m FROM json_each(?1))
           WHERE EXISTS (SELECT 1 FROM invitations i WHERE i.id = m ->> '$.invitationId' AND i.status = 'open')`,
        )
        .bind(JSON.stringify(messages.slice(i, i + 500))),
    )
  }
  return statements
}

/** Pending messages of an invitation are dropped (their link is dead after a re-issue). */
export function cancelPendingStatement(db: D1Database, invitationId: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE outbox SET status = 'cancelled', body = NULL, recipient = NULL, subject = NULL WHERE invitation_id = ?1 AND status = 'pending'`,
    )
    .bind(invitationId)
}

export type DueMessage = {
  id: string
  invitationId: string
  channel: Channel
  recipient: string
  subject: string
  body: string
  attempts: number
}

export async function dueMessages(db: D1Database, now: string, limit: number): Promise<DueMessage[]> {
  const { results } = await db
    .prepare(
      `SELECT id, invitation_id AS invitationId, channel, recipient, subject, body, attempts FROM outbox
       WHERE status = 'pending' AND send_after <= ?1 AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
       ORDER BY send_after, id LIMIT ?2`,
    )
    .bind(now, limit)
    .all<DueMessage>()
  return results
}

/**
 * Takes a message for sending. Only one job can win the claim, and a claimed message is never
 * handed out again unless it is put back after a failure: that is what keeps a message from going
 * out twice. A message whose invitation closed meanwhile is cancelled instead.
 */
export async function claim(db: D1Database, id: string, now: string): Promise<'claimed' | 'cancelled' | 'taken'> {
  const [cancelled, claimed] = await db.batch([
    db
      .prepare(
        `UPDATE outbox SET status = 'cancelled', body = NULL, recipient = NULL, subject = NULL
         WHERE id = ?1 AND status = 'pending'
           AND invitation_id IN (SELECT id FROM invitations WHERE status <> 'open' OR expires_at <= ?2)`,
      )
      .bind(id, now),
    db
      .prepare(
        `UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ?2 WHERE id = ?1 AND status = 'pending'`,
      )
      .bind(id, now),
  ])
  if (cancelled.meta.changes === 1) return 'cancelled'
  return claimed.meta.changes === 1 ? 'claimed' : 'taken'
}

export async function markSent(db: D1Database, id: string, now: string): Promise<void> {
  await db
    .prepare(
      `UPDATE outbox SET status = 'sent', sent_at = ?2, body = NULL, recipient = NULL, subject = NULL, last_error = NULL WHERE id = ?1 AND status = 'sending'`,
    )
    .bind(id, now)
    .run()
}

/** Puts a failed message back with a later attempt time, or gives up on it for good. */
export async function markFailed(db: D1Database, id: string, error: string, retryAt: string | null): Promise<void> {
  await db
    .prepare(
      `UPDATE outbox SET status = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'pending' END, next_attempt_at = ?3, last_error = ?2,
         body = CASE WHEN ?3 IS NULL THEN NULL ELSE body END, recipient = CASE WHEN ?3 IS NULL THEN NULL ELSE recipient END
       WHERE id = ?1 AND status = 'sending'`,
    )
    .bind(id, error.slice(0, 500), retryAt)
    .run()
}

/**
 * Privacy sweep: once an invitation is completed, declined or expired, any unsent message of it is erased,
 * and the episode's contact data once none of its invitations (exit, intake, follow-up) is open any more;
 * a send interrupted long ago is marked failed rather than retried.
 */
export async function sweep(
  db: D1Database,
  now: string,
  staleBefore: string,
): Promise<{ contactsErased: number; cancelled: number; stale: number }> {
  const closed = `SELECT id FROM invitations WHERE status <> 'open' OR expires_at <= ?1`
  const [contacts, cancelled, , stale] = await db.batch([
    db
      .prepare(
        `UPDATE episodes SET contact_email = NULL, contact_phone = NULL
         WHERE (contact_email IS NOT NULL OR contact_phone IS NOT NULL)
           AND id IN (SELECT episode_id FROM invitations WHERE status <> 'open' OR expires_at <= ?1)
           AND id NOT IN (SELECT episode_id FROM invitations WHERE status = 'open' AND expires_at > ?1)`,
      )
      .bind(now),
    db
      .prepare(
        `UPDATE outbox SET status = 'cancelled', body = NULL, recipient = NULL, subject = NULL WHERE status = 'pending' AND invitation_id IN (${closed})`,
      )
      .bind(now),
    // a closed link is nobody's to hand over any more: its sealed copy goes too
    db
      .prepare(`UPDATE invitations SET sealed_token = NULL WHERE sealed_token IS NOT NULL AND id IN (${closed})`)
      .bind(now),
    db
      .prepare(
        `UPDATE outbox SET status = 'failed', body = NULL, recipient = NULL, subject = NULL,
           last_error = 'interrupted while sending; not retried so that it cannot arrive twice'
         WHERE status = 'sending' AND claimed_at < ?1`,
      )
      .bind(staleBefore),
  ])
  return { contactsErased: contacts.meta.changes, cancelled: cancelled.meta.changes, stale: stale.meta.changes }
}

export type MailboxEntry = {
  id: string
  channel: Channel
  recipient: string
  subject: string
  body: string
  sentAt: string
}

export async function deliverToMailbox(
  db: D1Database,
  outboxId: string,
  m: { channel?: Channel; recipient: string; subject: string; body: string },
  now: string,
): Promise<void> {
  await db
    .prepare(
      'INSERT OR IGNORE INTO dev_mailbox (id, outbox_id, channel, recipient, subject, body, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
    )
    .bind(`mail_${outboxId}`, outboxId, m.channel ?? 'email', m.recipient, m.subject, m.body, now)
    .run()
}

export async function mailbox(db: D1Database, limit: number): Promise<MailboxEntry[]> {
  const { results } = await db
    .prepare(
      'SELECT id, channel, recipient, subject, body, sent_at AS sentAt FROM dev_mailbox ORDER BY sent_at DESC, id LIMIT ?1',
    )
    .bind(limit)
    .all<MailboxEntry>()
  return results
}

export async function outboxCounts(db: D1Database, programmeId: string): Promise<Record<string, number>> {
  const { results } = await db
    .prepare(
      `SELECT o.status AS status, COUNT(*) AS n FROM outbox o JOIN invitations i ON i.id = o.invitation_id
       JOIN episodes e ON e.id = i.episode_id WHERE e.programme_id = ?1 GROUP BY o.status`,
    )
    .bind(programmeId)
    .all<{ status: string; n: number }>()
  return Object.fromEntries(results.map((r) => [r.status, r.n]))
}
