// The procurer's response export: one row per response with its answers' codes and labels in one language.
// Small-group rules do not apply to the procurer, but every export is in the audit log, written before the
// first row leaves, with the filters and the number of rows.
import { insertAudit } from '../db/audit.ts'
import type { Programme } from '../db/programmes.ts'
import { type ExportFilter, type ExportRow, exportExtent, exportPage } from '../db/response-export.ts'
import type { Principal } from '../domain/principal.ts'
import type { CsvValue } from '../lib/csv.ts'
import type { ResponsesExportQuery } from '../schemas/exports.ts'
import { EXPORT_FIXED_COLUMNS, LABEL_SUFFIX } from '../surveys/export-columns.ts'
import type { Deps } from './deps.ts'

/** Rows read per database query: a page's answers stay well under a megabyte. */
export const EXPORT_PAGE_SIZE = 1000

export type ResponsesExport = { header: string[]; rows: number; pages: AsyncIterable<CsvValue[][]> }

/** Answer labels by survey version (id@version), then question, then answer value as text. */
type Labels = Map<string, Map<string, Map<string, string>>>

/** The questions of every version answered, in survey order, each name once; and their labels. */
async function questionsOf(
  deps: Deps,
  versions: Array<{ surveyId: string; version: number }>,
  q: ResponsesExportQuery,
) {
  const names: string[] = []
  const labels: Labels = new Map()
  const { publishedRuntime } = await import('../surveys/published.ts') // survey-core: loaded on first use
  for (const v of versions) {
    const runtime = await publishedRuntime(deps.db, v.surveyId, v.version)
    if (!runtime) throw new Error(`responses answer ${v.surveyId}@${v.version}, which is not a published version`)
    const questions = runtime.answerLabels(q.lang)
    for (const question of questions) if (!names.includes(question.name)) names.push(question.name)
    labels.set(`${v.surveyId}@${v.version}`, new Map(questions.map((question) => [question.name, question.labels])))
  }
  return { names, labels }
}

function rowCells(row: ExportRow, names: string[], labels: Labels): CsvValue[] {
  const own = labels.get(`${row.surveyId}@${row.surveyVersion}`)
  const answers = names.flatMap((name) => {
    const value = row.answers[name]
    if (value === undefined) return ['', '']
    // A choice's label in the chosen language; free text is its own label.
    const label = own?.get(name)?.get(String(value)) ?? String(value)
    return [typeof value === 'boolean' ? String(value) : value, label]
  })
  return [
    row.invitationId,
    row.wave,
    row.surveyId,
    row.surveyVersion,
    row.language,
    row.completedAt?.slice(0, 10) ?? null,
    row.providerId,
    row.providerName,
    row.serviceType,
    row.customerType,
    ...answers,
  ]
}

/**
 * The rows, a page at a time. A read that fails after the export was audited leaves a second entry (status
 * 500, the rows sent before it), so the log never shows a complete export that was cut short.
 */
async function* pagesOf(
  deps: Deps,
  filter: ExportFilter,
  names: string[],
  labels: Labels,
  auditFailure: (sent: number) => Promise<void>,
) {
  let after: string | null = ''
  let sent = 0
  try {
    while (after !== null) {
      const page: { rows: ExportRow[]; next: string | null } = await exportPage(
        deps.db,
        filter,
        after,
        EXPORT_PAGE_SIZE,
      )
      if (page.rows.length > 0) yield page.rows.map((row) => rowCells(row, names, labels))
      sent += page.rows.length
      after = page.next
    }
  } catch (error) {
    await auditFailure(sent)
    throw error
  }
}

/** The audit entry's path: the export's own, its filters (defaults written out), its row count (and rows sent). */
function auditedPath(path: string, q: ResponsesExportQuery, rows: number, sent?: number): string {
  const filters: Record<string, string> = { lang: q.lang, wave: q.wave, status: q.status }
  if (q.from) filters.from = q.from
  if (q.to) filters.to = q.to
  if (q.survey) filters.survey = q.survey
  filters.rows = String(rows)
  if (sent !== undefined) filters.sent = String(sent)
  return `${path}?${new URLSearchParams(filters)}`
}

export async function exportResponses(
  deps: Deps,
  principal: Principal,
  programme: Programme,
  q: ResponsesExportQuery,
  path: string,
): Promise<ResponsesExport> {
  const asOf = deps.now()
  const filter: ExportFilter = {
    programmeId: programme.id,
    wave: q.wave,
    from: q.from ?? null,
    to: q.to ?? null,
    surveyId: q.surveyId,
    surveyVersion: q.surveyVersion,
    completedOnly: q.status === 'completed',
    asOf,
  }
  const extent = await exportExtent(deps.db, filter)
  const { names, labels } = await questionsOf(deps, extent.versions, q)
  const audit = (status: number, sent?: number) =>
    insertAudit(deps.db, {
      at: sent === undefined ? asOf : deps.now(),
      keyId: principal.keyId,
      role: principal.role,
      programmeId: programme.id,
      method: 'GET',
      path: auditedPath(path, q, extent.rows, sent),
      status,
    })
  await audit(200)
  return {
    header: [...EXPORT_FIXED_COLUMNS, ...names.flatMap((name) => [name, `${name}${LABEL_SUFFIX}`])],
    rows: extent.rows,
    pages: pagesOf(deps, filter, names, labels, (sent) => audit(500, sent)),
  }
}
