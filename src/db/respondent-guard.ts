/**
 * The condition under which a respondent's write may land, as SQL for every statement of its batch.
 * Always: the invitation is still open. A write made from a cached session (no read in the same request)
 * also names what the cache believed: the link (a re-issue changes the token hash), an unexpired link at
 * the write's time, and, when the write builds on the saved answers, the response as last seen (its
 * updated_at, null before the first save). Any change since the cache was filled then makes the whole
 * batch a no-op, which the caller sees in meta.changes and answers from a fresh read.
 */
export type WriteGuard = {
  invitationId: string
  cached?: { tokenHash: string; now: string; savedAt?: string | null }
}

/** The guard as an SQL condition whose parameters are numbered from `from` (after the statement's own). */
export function guardSql(g: WriteGuard, from: number): { sql: string; values: unknown[] } {
  const id = `?${from}`
  if (!g.cached)
    return { sql: `EXISTS (SELECT 1 FROM invitations WHERE id = ${id} AND status = 'open')`, values: [g.invitationId] }
  const { tokenHash, now, savedAt } = g.cached
  let sql = `EXISTS (SELECT 1 FROM invitations WHERE id = ${id} AND status = 'open' AND token_hash = ?${from + 1}
    AND expires_at > ?${from + 2})`
  const values: unknown[] = [g.invitationId, tokenHash, now]
  if (savedAt !== undefined) {
    sql += ` AND (SELECT updated_at FROM responses WHERE invitation_id = ${id}) IS ?${from + 3}`
    values.push(savedAt)
  }
  return { sql, values }
}

/**
 * For the statements after a completion's upsert: the invitation is still open and its response was
 * completed by this very batch (at `at`), so they land exactly when the upsert did.
 */
export function completedHereSql(invitationId: string, at: string, from: number): { sql: string; values: unknown[] } {
  return {
    sql: `EXISTS (SELECT 1 FROM invitations WHERE id = ?${from} AND status = 'open')
      AND EXISTS (SELECT 1 FROM responses WHERE invitation_id = ?${from} AND completed = 1 AND completed_at = ?${from + 1})`,
    values: [invitationId, at],
  }
}
