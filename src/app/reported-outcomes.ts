import {
  confirmReported,
  listReportedOutcomes,
  type ReportedOutcomeRow,
  type ReportedStatus,
  rejectReported,
  reportedOutcomesByIds,
} from '../db/reported-outcomes.ts'
import type { FieldIssue } from '../domain/issues.ts'
import { invalid } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import type { Deps } from './deps.ts'

/** The queue shows at most this many; confirming them shortens it. */
const QUEUE_LIMIT = 1000

/** A reported outcome as the procurer sees it (the episode's start date only decides what may be confirmed). */
const shown = ({ startedOn: _, ...row }: ReportedOutcomeRow) => row

export async function reportedOutcomesOf(deps: Deps, programmeId: string, status: ReportedStatus) {
  const rows = await listReportedOutcomes(deps.db, programmeId, status, QUEUE_LIMIT)
  return { programmeId, status, reportedOutcomes: rows.map(shown) }
}

/**
 * The rows behind `ids`, all of the programme, or a 422 naming each bad one (nothing changes). Confirming also
 * refuses an outcome dated before its service started, as recording one does.
 */
async function reviewable(deps: Deps, programmeId: string, ids: string[], confirming: boolean) {
  const rows = await reportedOutcomesByIds(deps.db, programmeId, ids)
  const byId = new Map(rows.map((r) => [r.id, r]))
  const issues: FieldIssue[] = []
  ids.forEach((id, k) => {
    const row = byId.get(id)
    if (!row) issues.push({ path: `ids[${k}]`, message: `no reported outcome ${id} in this programme` })
    else if (confirming && row.status === 'pending' && row.occurredOn < row.startedOn) {
      issues.push({
        path: `ids[${k}]`,
        message: `reported on ${row.occurredOn}, before the service started (${row.startedOn}): reject it instead`,
      })
    }
  })
  if (issues.length > 0) throw invalid(issues)
}

/** Confirmed reported outcomes become outcomes; already reviewed ones are left as they are (unchanged). */
export async function reviewReportedOutcomes(
  deps: Deps,
  programmeId: string,
  ids: string[],
  decision: 'confirm' | 'reject',
  by: string | null,
) {
  const unique = [...new Set(ids)]
  await reviewable(deps, programmeId, ids, decision === 'confirm')
  const at = deps.now()
  const changed =
    decision === 'confirm'
      ? await confirmReported(
          deps.db,
          unique.map((id) => ({ id, outcomeId: newId('out') })),
          by,
          at,
        )
      : await rejectReported(deps.db, unique, by, at)
  const rows = await reportedOutcomesByIds(deps.db, programmeId, unique)
  return {
    [decision === 'confirm' ? 'confirmed' : 'rejected']: changed,
    unchanged: unique.length - changed,
    reportedOutcomes: rows.map(shown),
  }
}
