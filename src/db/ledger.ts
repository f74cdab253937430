// The fee ledger (migrations/0007_create_fee_ledger.sql): what final runs paid, per client and component.
import { type PaidProviderLine, type Period, paidKey } from '../domain/ledger.ts'
import { isUniqueViolation } from './errors.ts'
import { clientInPeriod } from './fee-inputs.ts'

/** The programme's ledger version: how many runs have been finalised into its ledger. */
export async function ledgerVersion(db: D1Database, programmeId: string): Promise<number> {
  const row = await db
    .prepare('SELECT COALESCE(MAX(version), 0) AS v FROM fee_ledger_versions WHERE programme_id = ?1')
    .bind(programmeId)
    .first<{ v: number }>()
  return row?.v ?? 0
}

/**
 * What final runs paid so far for some providers' clients the run may pay (ending, starting or with an outcome
 * in the period, as fee-inputs.ts clientsOf reads them; whatever period paid them: by episode, component key and
 * type) and for their provider-level components over exactly this period, by paidKey.
 */
export async function paidBefore(
  db: D1Database,
  programmeId: string,
  providerIds: string[],
  period: Period,
): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(
      `SELECT l.provider_id AS providerId, l.episode_id AS episodeId, l.component_key AS componentKey, l.type,
         SUM(l.payable_cents) AS paid
       FROM fee_ledger l LEFT JOIN episodes e ON e.id = l.episode_id
       WHERE l.programme_id = ?1 AND l.provider_id IN (SELECT value FROM json_each(?2))
         AND CASE WHEN l.episode_id IS NULL THEN l.period_from = ?3 AND l.period_to = ?4
                  ELSE ${clientInPeriod('?3', '?4')} END
       GROUP BY l.provider_id, l.episode_id, l.component_key, l.type`,
    )
    .bind(programmeId, JSON.stringify(providerIds), period.from, period.to)
    .all<{ providerId: string; episodeId: string | null; componentKey: string; type: string; paid: number }>()
  return new Map(results.map((r) => [paidKey(r.providerId, r.episodeId, r.componentKey, r.type, period), r.paid]))
}

/** Provider-level payments of final runs over periods that overlap `period` (for providerLevelConflict). */
export async function paidProviderLines(
  db: D1Database,
  programmeId: string,
  period: Period,
): Promise<PaidProviderLine[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT run_id AS runId, provider_id AS providerId, component_key AS componentKey, type,
         period_from AS "from", period_to AS "to"
       FROM fee_ledger WHERE programme_id = ?1 AND episode_id IS NULL AND period_from <= ?3 AND period_to >= ?2
       ORDER BY finalised_at, run_id`,
    )
    .bind(programmeId, period.from, period.to)
    .all<PaidProviderLine>()
  return results
}

/**
 * Finalises a draft and writes its lines that move money (payable not 0) into the ledger, in one transaction that first claims ledger version
 * `settledAt + 1` of the programme: the version the draft's paid-before figures were read at must still be
 * the latest. Of two finalisations settled at the same version, exactly one claims it; the other stores
 * nothing ('stale'). 'not-draft' when the run is no longer a draft.
 */
export async function finaliseIntoLedger(
  db: D1Database,
  run: { id: string; programmeId: string },
  settledAt: number,
  at: string,
): Promise<'final' | 'stale' | 'not-draft'> {
  try {
    const results = await db.batch([
      db
        .prepare(
          `INSERT INTO fee_ledger_versions (programme_id, version, run_id, finalised_at)
           SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM fee_runs WHERE id = ?3 AND status = 'draft')`,
        )
        .bind(run.programmeId, settledAt + 1, run.id, at),
      db
        .prepare(
          `UPDATE fee_runs SET status = 'final', finalised_at = ?2
           WHERE id = ?1 AND status = 'draft' AND EXISTS (SELECT 1 FROM fee_ledger_versions WHERE run_id = ?1)`,
        )
        .bind(run.id, at),
      db
        .prepare(
          `INSERT INTO fee_ledger (run_id, programme_id, ledger_version, provider_id, episode_id, external_ref,
             component, component_key, type, rule_version, period_from, period_to, amount_cents, paid_before_cents,
             payable_cents, reason, finalised_at)
           SELECT r.id, r.programme_id, v.version, p.provider_id, json_extract(l.value, '$.episodeId'),
             json_extract(l.value, '$.externalRef'), json_extract(l.value, '$.component'),
             json_extract(l.value, '$.componentKey'), json_extract(l.value, '$.type'), r.rule_version,
             r.period_from, r.period_to, json_extract(l.value, '$.amountCents'),
             json_extract(l.value, '$.paidBeforeCents'), json_extract(l.value, '$.payableCents'),
             json_extract(l.value, '$.reason'), r.finalised_at
           FROM fee_runs r JOIN fee_ledger_versions v ON v.run_id = r.id
           JOIN fee_run_providers p ON p.run_id = r.id, json_each(p.lines) l
           WHERE r.id = ?1 AND r.status = 'final' AND r.finalised_at = ?2
             AND json_extract(l.value, '$.payableCents') <> 0`,
        )
        .bind(run.id, at),
    ])
    return results[1].meta.changes === 1 ? 'final' : 'not-draft'
  } catch (err) {
    if (isUniqueViolation(err)) return 'stale'
    throw err
  }
}

export type LedgerEntry = {
  runId: string
  ledgerVersion: number
  finalisedAt: string
  providerId: string
  episodeId: string | null
  externalRef: string | null
  component: number
  componentKey: string
  type: string
  ruleVersion: number
  period: Period
  amountCents: number
  paidBeforeCents: number
  payableCents: number
  reason: string
  /** For a provider key's summed client-basis quality line: how many client entries it sums. */
  lines?: number
}

type EntryRow = Omit<LedgerEntry, 'period'> & { periodFrom: string; periodTo: string }

const COLUMNS = `run_id AS runId, ledger_version AS ledgerVersion, finalised_at AS finalisedAt, provider_id AS providerId,
  episode_id AS episodeId, external_ref AS externalRef, component, component_key AS componentKey, type,
  rule_version AS ruleVersion, period_from AS periodFrom, period_to AS periodTo`

const toEntry = ({ periodFrom, periodTo, ...r }: EntryRow): LedgerEntry => ({
  ...r,
  period: { from: periodFrom, to: periodTo },
})

export type LedgerQuery = {
  programmeId: string
  providerId: string | null
  externalRef: string | null
  /** A provider key: client-basis quality entries summed per run and component, never one client's. */
  providerView: boolean
  limit: number
}

/** Ledger entries in finalisation order, then provider, client, component; at most `limit` + 1 (to tell truncation). */
export async function listLedger(db: D1Database, q: LedgerQuery): Promise<LedgerEntry[]> {
  const filter = `programme_id = ?1 AND (?2 IS NULL OR provider_id = ?2) AND (?3 IS NULL OR external_ref = ?3)`
  const clientQuality = `type = 'quality' AND episode_id IS NOT NULL`
  const plain = `SELECT ${COLUMNS}, amount_cents AS amountCents, paid_before_cents AS paidBeforeCents,
      payable_cents AS payableCents, reason, NULL AS lines FROM fee_ledger WHERE ${filter}`
  // A provider key asking for one client gets no quality entry at all: the summed one is not that client's.
  const summed = `SELECT run_id AS runId, ledger_version AS ledgerVersion, finalised_at AS finalisedAt,
      provider_id AS providerId, NULL AS episodeId, NULL AS externalRef, component, component_key AS componentKey,
      type, rule_version AS ruleVersion, period_from AS periodFrom, period_to AS periodTo,
      SUM(amount_cents) AS amountCents, SUM(paid_before_cents) AS paidBeforeCents, SUM(payable_cents) AS payableCents,
      'client quality lines summed per run (per-client quality lines go to the procurer only)' AS reason,
      COUNT(*) AS lines
    FROM fee_ledger WHERE programme_id = ?1 AND (?2 IS NULL OR provider_id = ?2) AND ?3 IS NULL AND ${clientQuality}
    GROUP BY run_id, provider_id, component`
  const sql = q.providerView ? `${plain} AND NOT (${clientQuality}) UNION ALL ${summed}` : plain
  const { results } = await db
    .prepare(
      `SELECT * FROM (${sql})
       ORDER BY ledgerVersion, providerId, externalRef IS NULL, externalRef, component LIMIT ?4`,
    )
    .bind(q.programmeId, q.providerId, q.externalRef, q.limit + 1)
    .all<EntryRow & { lines: number | null }>()
  return results.map(({ lines, ...r }) => (lines === null ? toEntry(r) : { ...toEntry(r), lines }))
}

/** A run's provider-level lines that owe something (for providerLevelConflict). */
export async function owedProviderLines(
  db: D1Database,
  runId: string,
): Promise<Array<{ providerId: string; componentKey: string; type: string; amountCents: number }>> {
  const { results } = await db
    .prepare(
      `SELECT p.provider_id AS providerId, json_extract(l.value, '$.componentKey') AS componentKey,
         json_extract(l.value, '$.type') AS type, json_extract(l.value, '$.amountCents') AS amountCents
       FROM fee_run_providers p, json_each(p.lines) l
       WHERE p.run_id = ?1 AND json_extract(l.value, '$.episodeId') IS NULL
         AND json_extract(l.value, '$.amountCents') <> 0`,
    )
    .bind(runId)
    .all<{ providerId: string; componentKey: string; type: string; amountCents: number }>()
  return results
}
