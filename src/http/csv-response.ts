import type { Context } from 'hono'
import { toCsv } from '../lib/csv.ts'

/** A CSV download; never cached, since every export is someone's data. */
export function csvResponse(
  c: Context,
  name: string,
  header: string[],
  rows: Array<Array<string | number | null | undefined>>,
) {
  c.header('content-type', 'text/csv; charset=utf-8')
  c.header('content-disposition', `attachment; filename="${name}"`)
  c.header('cache-control', 'no-store')
  // A UTF-8 byte-order mark so spreadsheets read ä, ö and å right.
  return c.body(`\uFEFF${toCsv(header, rows)}`)
}
