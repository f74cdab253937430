// Finnish, Swedish and English: one dictionary per language (only the chosen one is loaded), the choice
// kept in localStorage, numbers, money and dates formatted per locale (fi: 1 234,50 EUR).

export const LANGUAGES = [
  { code: 'fi', name: 'Suomi' },
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
]
const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }
const STORE = 'laatu:lang'

let lang = 'fi'
let dict = {}
/** Text parts some views load for themselves (lang/<part>-<code>.js), loaded again on a language change. */
const parts = new Set()
const partOf = async (part, code) => (await import(`./lang/${part}-${code}.js`)).default

function initialLanguage() {
  const stored = localStorage.getItem(STORE)
  if (stored && LOCALES[stored]) return stored
  for (const l of navigator.languages ?? []) {
    const code = l.slice(0, 2).toLowerCase()
    if (LOCALES[code]) return code
  }
  return 'fi'
}

export async function setLanguage(code, remember = true) {
  if (!LOCALES[code]) code = 'fi'
  const [base, ...extra] = await Promise.all([
    import(`./lang/${code}.js`).then((m) => m.default),
    ...[...parts].map((p) => partOf(p, code)),
  ])
  dict = Object.assign({}, base, ...extra)
  lang = code
  if (remember) localStorage.setItem(STORE, code)
  document.documentElement.lang = code
}

/** Adds a part's texts (e.g. 'editor': lang/editor-fi.js) to the dictionary; kept across language changes. */
export async function loadTexts(part) {
  if (parts.has(part)) return
  const texts = await partOf(part, lang)
  parts.add(part)
  dict = { ...dict, ...texts }
}

export const loadLanguage = () => setLanguage(initialLanguage(), false)
export const currentLanguage = () => lang
export const locale = () => LOCALES[lang]

/** t('key', ...args): a string, or a function of args in the dictionary; the key itself if missing. */
export function t(key, ...args) {
  const v = dict[key]
  if (typeof v === 'function') return v(...args)
  return v ?? key
}

const DASH = '–'
const cache = new Map()
function fmt(kind, options) {
  const k = `${lang}|${kind}|${JSON.stringify(options)}`
  if (!cache.has(k))
    cache.set(
      k,
      kind === 'date' ? new Intl.DateTimeFormat(LOCALES[lang], options) : new Intl.NumberFormat(LOCALES[lang], options),
    )
  return cache.get(k)
}

const isNum = (x) => typeof x === 'number' && Number.isFinite(x)

/** 1 decimal by default; null -> "–". */
export function num(x, digits = 1) {
  return isNum(x) ? fmt('n', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x) : DASH
}

export const int = (x) => (isNum(x) ? fmt('n', { maximumFractionDigits: 0 }).format(x) : DASH)

/** A share 0..1 as a percentage. */
export const pct = (x, digits = 0) =>
  isNum(x)
    ? fmt('p', { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x)
    : DASH

/** An amount (number or the API's "1234.50" string) with the currency code: fi "1 234,50 EUR". */
export function money(amount, currency = 'EUR', signed = false) {
  const x = typeof amount === 'string' ? Number(amount) : amount
  if (!isNum(x)) return DASH
  return fmt('m', {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    ...(signed ? { signDisplay: 'exceptZero' } : {}),
  }).format(x)
}

/** "2026-10-15" or an ISO instant -> the locale's date (fi 15.10.2026). */
export function date(iso) {
  if (!iso) return DASH
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
  if (Number.isNaN(d.getTime())) return iso
  return fmt('date', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: iso.length === 10 ? 'UTC' : undefined,
  }).format(d)
}

export function dateTime(iso) {
  if (!iso) return DASH
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : fmt('date', { dateStyle: 'short', timeStyle: 'short' }).format(d)
}

export const range = (from, to) => `${date(from)} – ${date(to)}`

/** Stars as glyphs for the eye and a number for everyone: 3.5 -> "★★★½ 3,5". */
export function starsText(stars) {
  if (!isNum(stars)) return DASH
  return `${'★'.repeat(Math.floor(stars))}${stars % 1 ? '½' : ''} ${num(stars, 1)}`
}
