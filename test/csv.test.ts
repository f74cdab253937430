import { describe, expect, it } from 'vitest'
import { csvIssue, episodesFromCsv } from '../src/domain/episode-csv.ts'
import { csvCell, parseCsv, toCsv } from '../src/lib/csv.ts'
import { plainTextProblem } from '../src/lib/plain-text.ts'

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n')).toEqual({
      rows: [
        ['a', 'b'],
        ['x, y', 'say "hi"'],
        ['multi\nline', 'z'],
      ],
    })
  })
  it('keeps empty fields and skips blank lines', () => {
    expect(parseCsv('a,,c\n\n,,\n')).toEqual({
      rows: [
        ['a', '', 'c'],
        ['', '', ''],
      ],
    })
  })
  it('refuses an unclosed quote and a stray quote', () => {
    expect(parseCsv('"abc\n')).toEqual({ error: 'line 1: a quoted field is not closed' })
    expect(parseCsv('ab"c"\n')).toEqual({ error: 'line 1: a quote may only start a field' })
  })
})

describe('CSV export', () => {
  it('neutralises formula cells and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-5')).toBe("'-5")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    // an apostrophe already before a formula gets one more, so taking one off gives the text back
    expect(csvCell("'=1")).toBe("''=1")
    expect(csvCell("'plain")).toBe("'plain")
    expect(csvCell(-5)).toBe('-5') // numbers are numbers
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell(null)).toBe('')
    expect(toCsv(['x', 'y'], [['1', 'line\nbreak']])).toBe('x,y\r\n1,"line\nbreak"\r\n')
  })
})

describe('episodes from CSV', () => {
  it('maps headers (case-insensitive, contact aliases) to episode fields', () => {
    const parsed = episodesFromCsv(
      'ProviderId,customerType,externalRef,startedOn,endedOn,Email\np1,company,r1,2026-01-01,2026-01-02,a@b.fi\n',
    )
    expect(parsed).toMatchObject({
      episodes: [
        {
          providerId: 'p1',
          customerType: 'company',
          externalRef: 'r1',
          startedOn: '2026-01-01',
          endedOn: '2026-01-02',
          contact: { email: 'a@b.fi' },
        },
      ],
    })
  })
  it('names a row whose cell count differs from the header', () => {
    expect(episodesFromCsv('providerId,externalRef\np1\n')).toEqual({
      issues: [{ path: 'line 2', message: 'line 2: has 1 cells, the header has 2' }],
    })
  })

  it('remembers the line each row starts on and each column as the header spelled it', () => {
    const parsed = episodesFromCsv('providerId,externalRef,EMAIL\r\np1,"two\r\nlines",x\r\n\r\np2,r2,y\r\n')
    if (!('source' in parsed)) throw new Error('expected episodes')
    expect(parsed.source.lines).toEqual([2, 5])
    expect(csvIssue({ path: 'episodes[1].contact.email', message: 'must be an email address' }, parsed.source)).toEqual(
      {
        path: 'line 5.EMAIL',
        message: 'line 5, column EMAIL: must be an email address',
      },
    )
    expect(csvIssue({ path: 'episodes[0].riskClass', message: 'must be 1, 2 or 3' }, parsed.source)).toEqual({
      path: 'line 2.riskClass',
      message: 'line 2, column riskClass: must be 1, 2 or 3',
    })
    expect(csvIssue({ path: 'episodes[0]', message: 'appears twice' }, parsed.source)).toEqual({
      path: 'line 2',
      message: 'line 2: appears twice',
    })
    expect(csvIssue({ path: 'episodes', message: 'too many' }, parsed.source)).toEqual({
      path: 'episodes',
      message: 'too many',
    })
  })
})

describe('plain text', () => {
  it('refuses markup, formulas and chained SQL, and allows ordinary text', () => {
    expect(plainTextProblem('Kasvupolku Oy', 'field')).toBeNull()
    expect(plainTextProblem("O'Brien & Co", 'field')).toBeNull()
    expect(plainTextProblem('<script>alert(1)</script>', 'field')).toMatch(/HTML/)
    expect(plainTextProblem('=HYPERLINK("x")', 'field')).toMatch(/formula/)
    expect(plainTextProblem("x'; DROP TABLE providers; --", 'field')).toMatch(/SQL/)
    expect(plainTextProblem('two\nlines', 'field')).toMatch(/one line/)
    expect(plainTextProblem('- slow replies\n- good advice', 'answer')).toBeNull()
    expect(plainTextProblem('=1+1', 'answer')).toMatch(/formula/)
    expect(plainTextProblem('a < b and 3 > 2', 'answer')).toBeNull()
  })
})
