import type { BudgetSummary, ComponentResult, FeeLine, ProviderStatement } from '../domain/fees.ts'
import type { SettledComponent, SettledLine } from '../domain/ledger.ts'

export type RunStatus = 'computing' | 'draft' | 'final' | 'superseded'

export type FeeRun = {
  id: string
  programmeId: string
  ruleVersion: number
  period: { from: string; to: string }
  status: RunStatus
  currency: string
  inputsHash: string | null
  summary: RunSummary | null
  createdAt: string
  finalisedAt: string | null
  supersededBy: string | null
  /** The programme's ledger version the draft's paid-before figures were read at (null before the ledger). */
  ledgerVersion: number | null
}

export type RunSummary = {
  /** What the run pays: the sum of its lines' payable (owed minus paid before by earlier final runs). */
  totalCents: number
  /** What the run found owed, and what earlier final runs had paid of it (absent in runs from before the ledger). */
  owedCents?: number
  paidBeforeCents?: number
  /** The owed total expected under the uncertainty of the indices (absent in runs from before fee confidence). */
  expectedOwedCents?: number
  unallocatedCents: number
  /** series: the first version of the version's series (absent in runs from before survey series). */
  surveyVersions: Array<{ surveyId: string; version: number; series?: number }>
  /** Who handed out the survey links when the run was computed (absent in runs from before custody). */
  linkCustody?: 'laatu' | 'provider'
  /** How a budget scaled the run, when it had one. */
  budget?: BudgetSummary
}

type RunRow = {
  id: string
  programme_id: string
  rule_version: number
  period_from: string
  period_to: string
  status: RunStatus
  currency: string
  inputs_hash: string | null
  summary: string | null
  created_at: string
  finalised_at: string | null
  superseded_by: string | null
  ledger_version: number | null
}

const toRun = (r: RunRow): FeeRun => ({
  id: r.id,
  programmeId: r.programme_id,
  ruleVersion: r.rule_version,
  period: { from: r.period_from, to: r.period_to },
  status: r.status,
  currency: r.currency,
  inputsHash: r.inputs_hash,
  summary: r.summary ? JSON.parse(r.summary) : null,
  createdAt: r.created_at,
  finalisedAt: r.finalised_at,
  supersededBy: r.superseded_by,
  ledgerVersion: r.ledger_version,
})

export async function insertRun(
  db: D1Database,
  run: {
    id: string
    programmeId: string
    ruleVersion: number
    from: string
    to: string
    currency: string
    createdAt: string
    createdBy: string | null
  },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO fee_runs (id, programme_id, rule_version, period_from, period_to, status, currency, created_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, 'computing', ?6, ?7, ?8)`,
    )
    .bind(run.id, run.programmeId, run.ruleVersion, run.from, run.to, run.currency, run.createdAt, run.createdBy)
    .run()
}

/** Stores providers' parts of a run still being computed (lines kept apart from the statement). */
export async function insertRunProviders(db: D1Database, runId: string, parts: ProviderStatement[]): Promise<void> {
  if (parts.length === 0) return
  await db.batch(
    parts.map(({ lines, ...statement }) =>
      db
        .prepare(
          'INSERT INTO fee_run_providers (run_id, provider_id, total_cents, statement, lines) VALUES (?1, ?2, ?3, ?4, ?5)',
        )
        .bind(runId, statement.providerId, statement.totalCents, JSON.stringify(statement), JSON.stringify(lines)),
    ),
  )
}

/**
 * Makes a computed run a draft, in one transaction with superseding the older drafts of the same
 * programme and period (a final run is never superseded). `ledgerVersion`: the ledger version its
 * paid-before figures were read at.
 */
export async function completeRun(
  db: D1Database,
  run: Pick<FeeRun, 'id' | 'programmeId' | 'period' | 'ledgerVersion'>,
  inputsHash: string,
  summary: RunSummary,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE fee_runs SET status = 'superseded', superseded_by = ?1
         WHERE programme_id = ?2 AND period_from = ?3 AND period_to = ?4 AND status = 'draft' AND id <> ?1`,
      )
      .bind(run.id, run.programmeId, run.period.from, run.period.to),
    db
      .prepare(
        `UPDATE fee_runs SET status = 'draft', inputs_hash = ?2, summary = ?3, ledger_version = ?4
         WHERE id = ?1 AND status = 'computing'`,
      )
      .bind(run.id, inputsHash, JSON.stringify(summary), run.ledgerVersion),
  ])
}

/** A run that failed half-way leaves no partial statement behind. */
export async function discardRun(db: D1Database, runId: string): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM fee_run_providers WHERE run_id = ?1').bind(runId),
    db.prepare("DELETE FROM fee_runs WHERE id = ?1 AND status = 'computing'").bind(runId),
  ])
}

export async function getRun(db: D1Database, id: string): Promise<FeeRun | null> {
  const row = await db
    .prepare("SELECT * FROM fee_runs WHERE id = ?1 AND status <> 'computing'")
    .bind(id)
    .first<RunRow>()
  return row ? toRun(row) : null
}

export async function listRuns(db: D1Database, programmeId: string): Promise<FeeRun[]> {
  const { results } = await db
    .prepare("SELECT * FROM fee_runs WHERE programme_id = ?1 AND status <> 'computing' ORDER BY created_at DESC, id")
    .bind(programmeId)
    .all<RunRow>()
  return results.map(toRun)
}

/** A stored part; runs from before the ledger have no paid-before or payable figures (read: nothing paid before). */
export type StoredProviderPart = {
  statement: Omit<ProviderStatement, 'lines' | 'components' | 'expectedTotalCents'> & {
    /** Absent in runs from before fee confidence. */
    expectedTotalCents?: number
    components: Array<ComponentResult & Partial<SettledComponent>>
    owedCents?: number
    paidBeforeCents?: number
  }
  lines: Array<FeeLine & Partial<SettledLine>> | null
}

/** Provider parts of a run in provider id order, optionally one provider's, optionally with lines. */
export async function runProviders(
  db: D1Database,
  runId: string,
  providerId: string | null,
  withLines: boolean,
): Promise<StoredProviderPart[]> {
  const { results } = await db
    .prepare(
      `SELECT statement, CASE WHEN ?3 = 1 THEN lines END AS lines FROM fee_run_providers
       WHERE run_id = ?1 AND (?2 IS NULL OR provider_id = ?2) ORDER BY provider_id`,
    )
    .bind(runId, providerId, withLines ? 1 : 0)
    .all<{ statement: string; lines: string | null }>()
  return results.map((r) => ({ statement: JSON.parse(r.statement), lines: r.lines ? JSON.parse(r.lines) : null }))
}

/** A provider-level line with a fee confidence, with its provider's name and the index the line was classified on. */
export type LineAtRisk = {
  providerId: string
  name: string
  qualityIndex: number | null
  line: FeeLine & Partial<SettledLine>
}

/**
 * The lines of a run most at risk of misclassification: those with a fee confidence, lowest first, at most
 * `limit`. SQLite reads the stored lines, so the client lines never leave the database.
 */
export async function linesAtRisk(
  db: D1Database,
  runId: string,
  providerId: string | null,
  limit: number,
): Promise<LineAtRisk[]> {
  const { results } = await db
    .prepare(
      `SELECT p.provider_id AS providerId, json_extract(p.statement, '$.name') AS name,
         COALESCE(json_extract(l.value, '$.confidence.index'), json_extract(p.statement, '$.qualityIndex')) AS qualityIndex,
         l.value AS line
       FROM fee_run_providers p, json_each(p.lines) l
       WHERE p.run_id = ?1 AND (?2 IS NULL OR p.provider_id = ?2)
         AND json_extract(l.value, '$.confidence.confidence') IS NOT NULL
       ORDER BY json_extract(l.value, '$.confidence.confidence'), p.provider_id, json_extract(l.value, '$.component')
       LIMIT ?3`,
    )
    .bind(runId, providerId, limit)
    .all<Omit<LineAtRisk, 'line'> & { line: string }>()
  return results.map((r) => ({ ...r, line: JSON.parse(r.line) }))
}

export type Dispute = {
  id: string
  runId: string
  providerId: string
  externalRef: string | null
  reason: string
  status: 'open' | 'accepted' | 'rejected'
  resolution: string | null
  createdAt: string
  resolvedAt: string | null
}

type DisputeRow = {
  id: string
  run_id: string
  provider_id: string
  external_ref: string | null
  reason: string
  status: Dispute['status']
  resolution: string | null
  created_at: string
  resolved_at: string | null
}

const toDispute = (r: DisputeRow): Dispute => ({
  id: r.id,
  runId: r.run_id,
  providerId: r.provider_id,
  externalRef: r.external_ref,
  reason: r.reason,
  status: r.status,
  resolution: r.resolution,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
})

/** Files a dispute only while the run is a draft (the guard is part of the insert). */
export async function insertDispute(db: D1Database, d: Dispute, by: string | null): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT INTO fee_disputes (id, run_id, provider_id, external_ref, reason, created_at, created_by)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM fee_runs WHERE id = ?2 AND status = 'draft')`,
    )
    .bind(d.id, d.runId, d.providerId, d.externalRef, d.reason, d.createdAt, by)
    .run()
  return res.meta.changes === 1
}

export async function listDisputes(db: D1Database, runId: string, providerId: string | null): Promise<Dispute[]> {
  const { results } = await db
    .prepare(
      'SELECT * FROM fee_disputes WHERE run_id = ?1 AND (?2 IS NULL OR provider_id = ?2) ORDER BY created_at, id',
    )
    .bind(runId, providerId)
    .all<DisputeRow>()
  return results.map(toDispute)
}

export async function resolveDispute(
  db: D1Database,
  id: string,
  status: 'accepted' | 'rejected',
  resolution: string,
  at: string,
): Promise<Dispute | null> {
  const row = await db
    .prepare(
      `UPDATE fee_disputes SET status = ?2, resolution = ?3, resolved_at = ?4
       WHERE id = ?1 AND status = 'open' AND run_id IN (SELECT id FROM fee_runs WHERE status = 'draft') RETURNING *`,
    )
    .bind(id, status, resolution, at)
    .first<DisputeRow>()
  return row ? toDispute(row) : null
}

export async function getDispute(db: D1Database, id: string): Promise<Dispute | null> {
  const row = await db.prepare('SELECT * FROM fee_disputes WHERE id = ?1').bind(id).first<DisputeRow>()
  return row ? toDispute(row) : null
}
