/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF rows;
 * a UTF-8 byte-order mark (as spreadsheets write it) is ignored.
 */
export function parseCsv(input: string): { rows: string[][] } | { error: string } {
  const parsed = parseCsvLines(input)
  return 'error' in parsed ? parsed : { rows: parsed.rows }
}

/** parseCsv, and the line (from 1, as an editor counts) on which each row starts: a quoted cell may span lines. */
export function parseCsvLines(input: string): { rows: string[][]; lines: number[] } | { error: string } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const rows: string[][] = []
  const lines: number[] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (quoted) {
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"') {
      if (field !== '') return { error: `line ${line}: a quote may only start a field` }
      quoted = true
    } else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      row.push(field)
      rows.push(row)
      lines.push(rowLine)
      row = []
      field = ''
      if (ch === '\r' && text[i + 1] === '\n') i++
      line++
      rowLine = line
    } else {
      field += ch
    }
    i++
  }
  if (quoted) return { error: `line ${rowLine}: a quoted field is not closed` }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
    lines.push(rowLine)
  }
  // Blank lines (often a trailing newline pair) carry no data.
  const kept = rows.flatMap((r, k) => (r.length === 1 && r[0] === '' ? [] : [k]))
  return { rows: kept.map((k) => rows[k]), lines: kept.map((k) => lines[k]) }
}

/**
 * A spreadsheet must never evaluate a cell: a leading = + - @ tab or CR is neutralised with an apostrophe.
 * So is one behind apostrophes ('=x becomes ''=x), so that a reader who takes one apostrophe off every cell
 * matching ^'+[=+\-@\t\r] gets each text back exactly as it was.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  // Only a number is written as it is: anything else (an array read from stored JSON included) is text.
  if (typeof value !== 'number' && /^'*[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export type CsvValue = string | number | null | undefined

/** Rows as CSV lines, each ended by CRLF (a header is a row too). */
export function csvLines(rows: CsvValue[][]): string {
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('')
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return csvLines([header, ...rows])
}
