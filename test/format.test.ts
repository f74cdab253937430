import { describe, expect, it } from 'vitest'
import { composeMessage } from '../src/delivery/messages.ts'
import { formatDate } from '../src/lib/format.ts'

describe('formatDate', () => {
  it.each([
    ['2026-12-31', 'fi', '31.12.2026'],
    ['2026-12-31', 'sv', '31.12.2026'],
    ['2026-12-31', 'en', '31 December 2026'],
    ['2026-03-01', 'fi', '1.3.2026'],
    ['2026-03-01', 'sv', '1.3.2026'],
    ['2026-03-01', 'en', '1 March 2026'],
    ['2026-01-09T23:59:59.000Z', 'fi', '9.1.2026'],
    ['2026-01-09T23:59:59.000Z', 'en', '9 January 2026'],
  ] as const)('%s in %s is %s', (iso, lang, expected) => {
    expect(formatDate(iso, lang)).toBe(expected)
  })

  it('refuses what is not an ISO date rather than writing nonsense', () => {
    expect(() => formatDate('31.12.2026', 'fi')).toThrow(/not an ISO date/)
  })
})

describe('invitation and reminder emails write the expiry day in the local format', () => {
  it.each([
    ['fi', 'voimassa 31.12.2026 asti'],
    ['sv', 'gäller till 31.12.2026'],
    ['en', 'valid until 31 December 2026'],
  ] as const)('%s: %s', (lang, phrase) => {
    for (const kind of ['invitation', 'reminder'] as const) {
      const { body } = composeMessage(
        kind,
        lang,
        'Kasvupolku Oy',
        'https://laatu.example.fi/s/x',
        '2026-12-31T10:00:00.000Z',
      )
      expect(body).toContain(phrase)
      expect(body).not.toContain('2026-12-31')
    }
  })
})
