import { parseCsv } from '../lib/csv.ts'
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

/** Turns episode CSV into the same objects the JSON import takes; the schema then validates both alike. */
export function episodesFromCsv(input: string): { episodes: unknown[] } | { issues: FieldIssue[] } {
  const parsed = parseCsv(input)
  if ('error' in parsed) return { issues: [{ path: 'csv', message: parsed.error }] }
  const [header, ...rows] = parsed.rows
  if (!header) return { issues: [{ path: 'csv', message: 'the CSV is empty; the first row must name the columns' }] }
  const fields = header.map((h) => fieldByHeader.get(h.trim().toLowerCase()))
  const unknown = header.filter((_, i) => !fields[i])
  if (unknown.length > 0) {
    return {
      issues: unknown.map((h) => ({
        path: `csv.header`,
        message: `unknown column "${h}"; columns are ${Object.values(columns)
          .map((n) => n[0])
          .join(', ')}`,
      })),
    }
  }
  const issues: FieldIssue[] = []
  const episodes = rows.map((cells, r) => {
    if (cells.length !== header.length) {
      issues.push({
        path: `episodes[${r}]`,
        message: `row ${r + 1} has ${cells.length} cells, the header has ${header.length}`,
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
  return issues.length > 0 ? { issues } : { episodes }
}
