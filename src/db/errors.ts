// What a failed D1 call means, decided here so no route or handler searches error text itself.
// D1 throws plain Errors whose message carries the detail ("D1_ERROR: <detail>"); older runtimes put
// the detail on `cause` instead, so both are read.

/**
 * Failures D1 documents as passing: the list of D1_ERRORs in "Debug D1" recommends "Retry the operation"
 * for these (https://developers.cloudflare.com/d1/observability/debug-d1/), the first three are the ones
 * "Retry queries" matches (https://developers.cloudflare.com/d1/best-practices/retry-queries/), and an
 * overloaded database asks the caller to come back later. Resets caused by the query itself (its CPU or
 * memory limit, a storage timeout) are left out: the same request would fail the same way again.
 */
const TRANSIENT = [
  'Network connection lost',
  'storage caused object to be reset',
  'reset because its code was updated',
  'Cannot resolve D1 DB due to transient issue',
  'Replica disconnected from primary',
  'D1 DB is overloaded',
]

/** The error's message and those of its causes (a few deep: causes can form a cycle). */
function messages(err: unknown): string[] {
  const out: string[] = []
  for (let e = err, depth = 0; e !== undefined && depth < 5; depth++) {
    out.push(e instanceof Error ? e.message : String(e))
    e = e instanceof Error ? e.cause : undefined
  }
  return out
}

/** A D1 failure that a retry of the same request may well get past. */
export function isTransientD1Error(err: unknown): boolean {
  return messages(err).some((m) => TRANSIENT.some((part) => m.includes(part)))
}

/** SQLite refused a row because a UNIQUE index (or primary key) already holds its value. */
export function isUniqueViolation(err: unknown): boolean {
  return messages(err).some((m) => m.includes('UNIQUE constraint failed'))
}

/** Runs statements as one transaction; 'conflict' when a unique constraint refused them (nothing stored). */
export async function batchUnlessDuplicate(
  db: D1Database,
  statements: D1PreparedStatement[],
): Promise<'stored' | 'conflict'> {
  try {
    await db.batch(statements)
    return 'stored'
  } catch (err) {
    if (isUniqueViolation(err)) return 'conflict'
    throw err
  }
}
