import { type LedgerEntry, listLedger } from '../db/ledger.ts'
import { ApiError } from '../http/errors.ts'

/**
 * The programme's fee ledger for a key: a provider key sees only its own provider, and each client-basis
 * quality component summed per run (as its statements show it), never one client's quality payment.
 */
export async function readLedger(
  db: D1Database,
  programmeId: string,
  ownProvider: string | null,
  q: { providerId?: string; externalRef?: string; limit: number },
): Promise<{ entries: LedgerEntry[]; truncated: boolean }> {
  if (ownProvider !== null && q.providerId !== undefined && q.providerId !== ownProvider) {
    throw new ApiError(403, "A provider key reads only its own provider's ledger")
  }
  const entries = await listLedger(db, {
    programmeId,
    providerId: ownProvider ?? q.providerId ?? null,
    externalRef: q.externalRef ?? null,
    providerView: ownProvider !== null,
    limit: q.limit,
  })
  return { entries: entries.slice(0, q.limit), truncated: entries.length > q.limit }
}
