import type { Language } from '../schemas/common.ts'

const locales: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }

/** A number in the page's language (fi: 1 234,5), or a dash for none. */
export function formatNumber(value: number | null, lang: Language, digits = 1): string {
  if (value === null || Number.isNaN(value)) return '–'
  return new Intl.NumberFormat(locales[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  )
}

export function formatPercent(value: number | null, lang: Language): string {
  if (value === null) return '–'
  return new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 0 }).format(value)
}

/** 2026-03-01 as 1.3.2026 (fi), 2026-03-01 (sv), 1 Mar 2026 (en). */
export function formatDate(isoDay: string, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDay}T00:00:00Z`),
  )
}
