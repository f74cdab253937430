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

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/**
 * A calendar day as people in Finland write it: 31.12.2026 in Finnish and in Swedish (Finland-Swedish
 * usage; Intl's sv-SE would give 2026-12-31), 31 December 2026 in English. Takes YYYY-MM-DD or an ISO
 * timestamp, whose UTC day it writes. Written out rather than left to Intl, whose output for sv varies
 * with the locale data of the runtime.
 */
export function formatDate(isoDayOrTimestamp: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDayOrTimestamp)
  if (!m) throw new Error(`not an ISO date: ${isoDayOrTimestamp}`)
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return lang === 'en' ? `${day} ${MONTHS_EN[month - 1]} ${year}` : `${day}.${month}.${year}`
}
