import { parseCsvLines } from '../lib/csv.ts'
import type { FieldIssue } from './issues.ts'

/** CSV header names accepted for each episode field; nested contact fields by dotted or short name. */
const columns: Record<string, string[]> = {
  providerId: ['providerId'],
  customerType: ['customerType'],
  externalRef: ['externalRef'],
  serviceType: ['serviceType'],
  startedOn: ['startedOn'],
  endedOn: ['endedOn'],
  riskClass: ['riskClass'],
  language: ['language'],
  'contact.email': ['contact.email', 'email'],
  'contact.phone': ['contact.phone', 'phone'],
}
const fieldByHeader = new Map(
  Object.entries(columns).flatMap(([field, names]) => names.map((n) => [n.toLowerCase(), field] as const)),
)

/**
 * Where each episode came from in the CSV, to name an issue as the sender sees the file: the line each
 * episode's row starts on (the header is line 1) and each field's column as the header spelled it.
 */
export type CsvSource = { lines: number[]; columnOf: Map<string, string> }

/** Turns episode CSV into the same objects the JSON import takes; the schema then validates both alike. */
export function episodesFromCsv(input: string): { episodes: unknown[]; source: CsvSource } | { issues: FieldIssue[] } {
  const parsed = parseCsvLines(input)
  if ('error' in parsed) return { issues: [{ path: 'csv', message: parsed.error }] }
  const [header, ...rows] = parsed.rows
  if (!header) return { issues: [{ path: 'csv', message: 'the CSV is empty; the first row must name the columns' }] }
  const fields = header.map((h) => fieldByHeader.get(h.trim().toLowerCase()))
  const unknown = header.filter((_, i) => !fields[i])
  if (unknown.length > 0) {
    return {
      issues: unknown.map((h) => ({
        path: `line ${parsed.lines[0]}.${h}`,
        message: `line ${parsed.lines[0]}: unknown column "${h}"; columns are ${Object.values(columns)
          .map((n) => n[0])
          .join(', ')}`,
      })),
    }
  }
  const lines = parsed.lines.slice(1)
  const issues: FieldIssue[] = []
  const episodes = rows.map((cells, r) => {
    if (cells.length !== header.length) {
      issues.push({
        path: `line ${lines[r]}`,
        message: `line ${lines[r]}: has ${cells.length} cells, the header has ${header.length}`,
      })
    }
    const episode: Record<string, unknown> = {}
    const contact: Record<string, string> = {}
    cells.forEach((cell, i) => {
      const field = fields[i]
      if (!field || cell === '') return
      if (field.startsWith('contact.')) contact[field.slice('contact.'.length)] = cell
      else episode[field] = cell
    })
    if (Object.keys(contact).length > 0) episode.contact = contact
    return episode
  })
  const columnOf = new Map(header.map((h, i) => [fields[i]!, h.trim()]))
  return issues.length > 0 ? { issues } : { episodes, source: { lines, columnOf } }
}

/**
 * An issue about `episodes[3].contact.email` as the CSV's sender reads it: path `line 5.email`, message
 * `line 5, column email: must be an email address`. Issues not about one episode stay as they are.
 */
export function csvIssue(issue: FieldIssue, source: CsvSource): FieldIssue {
  const m = /^episodes\[(\d+)\](?:\.(.+))?$/.exec(issue.path)
  const line = m ? source.lines[Number(m[1])] : undefined
  if (!m || line === undefined) return issue
  const field = m[2]
  if (!field) return { path: `line ${line}`, message: `line ${line}: ${issue.message}` }
  const column =
    source.columnOf.get(field) ??
    [...source.columnOf.entries()].find(([f]) => field.startsWith(`${f}.`) || field.startsWith(`${f}[`))?.[1] ??
    (field.startsWith('contact') ? 'email or phone' : field)
  return { path: `line ${line}.${column}`, message: `line ${line}, column ${column}: ${issue.message}` }
}
