// Small pieces both dashboards draw: figures that may be suppressed, stars, period forms, survey texts.
import { api } from './api.js'
import { field, h } from './dom.js'
import { currentLanguage, int, money, num, pct, starsText, t } from './i18n.js'

/** A change in index points with its sign: +60.0, −3.5. */
export const signed = (x) => (x > 0 ? `+${num(x)}` : num(x))

/** A figure with the interval of the same index: 76.1 (74.0 – 78.5), or a change: +60.0 (+40.2 – +79.8). */
export const withCi = (v, ci, format = num) =>
  v == null ? maybe(null) : ci ? `${format(v)} (${format(ci[0])} – ${format(ci[1])})` : format(v)

/** A figure the API may have withheld (small group): "–" with a spoken explanation. */

export function maybe(value, format = (x) => num(x)) {
  if (value === null || value === undefined)
    return h(
      'span',
      null,
      h('span', { 'aria-hidden': 'true' }, '–'),
      h('span', { class: 'visually-hidden' }, t('suppressedShort')),
    )
  return format(value)
}

// The level of the API's comparison (comparisonTest.pAdjusted < 0.05 means above or below).
const ALPHA = 0.05

/**
 * A score row's comparison in words: the label, whether a difference is significant only before Holm's
 * correction across the providers shown together, and whether the interval rests on the programme's spread.
 */
export function comparisonText(row) {
  if (!row?.comparison) return null
  const test = row.comparisonTest
  return [
    `${t(`comparison_${row.comparison}`)}.`,
    test && test.p < ALPHA && test.pAdjusted >= ALPHA ? t('notAfterCorrection', test.family) : null,
    row.qualityIndex.intervalBasis === 'programme_sd' ? t('intervalFromProgramme') : null,
  ]
    .filter(Boolean)
    .join(' ')
}

/** The explanation of the weighted index, with the weight k of the programme average when it is known. */
export const weightedText = (programme) =>
  programme.estimates?.priorWeight == null
    ? t('weightedExplained')
    : `${t('weightedExplained')} ${t('weightNow', num(programme.estimates.priorWeight))}`

/** Versions as read aloud: a run 1–3, a single 2, or a list 1, 3. */
function versionsText(versions) {
  const run = versions.every((v, k) => v === versions[0] + k)
  return run && versions.length > 1 ? `${versions[0]}–${versions.at(-1)}` : versions.join(', ')
}

/** Which survey series a score or diagnostics answer shows, and the answers to other series it leaves out. */
export const seriesTexts = (data) => [
  ...data.series.map((s) => t('surveySeries', versionsText(s.versions), s.versions.length > 1, s.surveyId)),
  ...data.otherSeries
    .filter((s) => s.answers > 0)
    .map((s) => t('otherSeries', s.answers, versionsText(s.versions), s.versions.length > 1, s.surveyId)),
]

export function stars(value) {
  if (value === null || value === undefined) return maybe(null)
  const text = starsText(value)
  const [glyphs, number] = [text.slice(0, text.lastIndexOf(' ')), text.slice(text.lastIndexOf(' ') + 1)]
  return h(
    'span',
    { class: 'stars' },
    h('span', { class: 'stars-glyph', 'aria-hidden': 'true' }, glyphs),
    ' ',
    h('span', { class: 'visually-hidden' }, t('starsOf', number)),
    h('span', { 'aria-hidden': 'true' }, number),
  )
}

export const suppressedNote = (minGroup) => h('p', { class: 'muted' }, t('suppressedNote', minGroup))

const iso = (d) => d.toISOString().slice(0, 10)
export const today = () => iso(new Date())
/** The API's default period: the 365 days up to today. */
export function lastYear() {
  const to = new Date()
  const from = new Date(to.getTime() - 364 * 86_400_000)
  return { from: iso(from), to: iso(to) }
}

/** The last `count` calendar quarters up to today, oldest first: [{label, from, to}] */
export function lastQuarters(count = 8) {
  const now = new Date()
  const out = []
  let y = now.getUTCFullYear()
  let q = Math.floor(now.getUTCMonth() / 3)
  for (let i = 0; i < count; i++) {
    const from = new Date(Date.UTC(y, q * 3, 1))
    const end = new Date(Date.UTC(y, q * 3 + 3, 0))
    out.unshift({
      label: t('quarter', q + 1, y),
      period: `${y}-Q${q + 1}`,
      from: iso(from),
      to: iso(end > now ? now : end),
    })
    q -= 1
    if (q < 0) {
      q = 3
      y -= 1
    }
  }
  return out
}

const lastDay = (y, m) => iso(new Date(Date.UTC(y, m, 0)))
const monthPeriod = (y, m) => ({
  period: `${y}-${String(m).padStart(2, '0')}`,
  from: `${y}-${String(m).padStart(2, '0')}-01`,
  to: lastDay(y, m),
})

/**
 * The whole periods a provider key may ask for (the API refuses from/to for it): the last 12 whole
 * months (the default: period null), the last whole quarter and year, and each of the last 12 months.
 */
export function wholePeriods() {
  const now = new Date()
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth() + 1
  const months = Array.from({ length: 12 }, (_, k) => {
    const index = y * 12 + (m - 1) - (k + 1)
    const p = monthPeriod(Math.floor(index / 12), (index % 12) + 1)
    return {
      ...p,
      label: new Intl.DateTimeFormat(document.documentElement.lang || 'fi', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${p.from}T00:00:00Z`)),
    }
  })
  const q = Math.floor((m - 1) / 3) // the current quarter, 0-based; the last whole one is q - 1
  const qy = q === 0 ? y - 1 : y
  const qn = q === 0 ? 4 : q
  const quarter = {
    period: `${qy}-Q${qn}`,
    from: `${qy}-${String(3 * qn - 2).padStart(2, '0')}-01`,
    to: lastDay(qy, 3 * qn),
    label: t('quarter', qn, qy),
  }
  const year = { period: String(y - 1), from: `${y - 1}-01-01`, to: `${y - 1}-12-31`, label: String(y - 1) }
  const last12 = { period: null, from: months[11].from, to: months[0].to, label: t('last12Months') }
  return [last12, quarter, year, ...months]
}

/** The query of a whole period: period=... or nothing for the default (the last 12 whole months). */
export const periodQuery = (p) => (p.period ? { period: p.period } : {})

/** A select of wholePeriods(); onChange(period) with the chosen one. */
export function wholePeriodForm(current, onChange, legend = t('period')) {
  const options = wholePeriods()
  const select = h(
    'select',
    { name: 'period' },
    options.map((p) =>
      h('option', { value: p.period ?? '', selected: (p.period ?? '') === (current.period ?? '') }, p.label),
    ),
  )
  const form = h(
    'form',
    { class: 'period', method: 'post', novalidate: true },
    h('div', { class: 'fields-inline' }, field({ label: legend, control: select })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('showPeriod'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    onChange(options.find((p) => (p.period ?? '') === select.value) ?? options[0])
  })
  return form
}

/** From/to date inputs; onSubmit({from, to}) when both are valid and ordered. */
export function periodForm(period, onSubmit, legend = t('period')) {
  const from = h('input', { type: 'date', name: 'from', value: period.from, required: true })
  const to = h('input', { type: 'date', name: 'to', value: period.to, required: true })
  const error = h('p', { class: 'field-error', role: 'alert' })
  const form = h(
    'form',
    { class: 'period', method: 'post', novalidate: true },
    h(
      'fieldset',
      { class: 'plain' },
      h('legend', null, legend),
      h(
        'div',
        { class: 'fields-inline' },
        field({ label: t('from'), control: from }),
        field({ label: t('to'), control: to }),
      ),
    ),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('showPeriod'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    if (!from.value || !to.value || from.value > to.value) {
      error.textContent = t('periodInvalid')
      return
    }
    error.textContent = ''
    onSubmit({ from: from.value, to: to.value })
  })
  return form
}

/** Every survey with its latest definition and version numbers (public, fetched once). */
let surveysPromise = null
export const surveys = () =>
  (surveysPromise ??= api.get('/surveys').then(
    (r) => r.surveys,
    (err) => {
      surveysPromise = null
      throw err
    },
  ))

/** A survey version's definition (public, cached). */
const surveyCache = new Map()
export function surveyVersion(id, version) {
  const k = `${id}@${version}`
  if (!surveyCache.has(k)) surveyCache.set(k, api.get(`/surveys/${encodeURIComponent(id)}/versions/${version}`))
  return surveyCache.get(k)
}

/** A localised string of a survey definition. */
export function localised(value, fallback = '') {
  if (value === null || value === undefined) return fallback
  if (typeof value === 'string') return value
  return value[currentLanguage()] ?? value.default ?? value.fi ?? Object.values(value)[0] ?? fallback
}

/** name -> question title in the current language. */
export function questionTitles(definition) {
  const titles = new Map()
  const walk = (nodes) => {
    for (const n of nodes ?? []) {
      if (n.name) titles.set(n.name, localised(n.title, n.name))
      walk(n.elements)
      walk(n.pages)
    }
  }
  walk(definition?.pages)
  return titles
}

/** Mean 0..100 item score from a distribution (counts[j] answers at position j+1 of `points`). */
export function itemMean(d) {
  if (!d?.answered || d.points < 2) return null
  let sum = 0
  d.counts.forEach((c, j) => {
    sum += (c * j * 100) / (d.points - 1)
  })
  return sum / d.answered
}

export const HIGH_CANNOT_SAY = 0.2

/** A long chart label as lines of at most `width` characters (chart.js draws an array as lines). */
export function wrap(text, width) {
  const lines = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

export const section = (title, ...children) => h('section', null, h('h3', null, title), children)

/** A list of figures as cards: [{label, value, note}] */
export const cards = (items) =>
  h(
    'ul',
    { class: 'cards' },
    items.map((c) =>
      h(
        'li',
        null,
        h('span', null, c.label),
        h('span', { class: 'figure' }, c.value),
        c.note ? h('span', { class: 'muted' }, c.note) : null,
      ),
    ),
  )

// ---- Integrity flags and fee components (both dashboards) ----

export function evidenceText(key, value) {
  if (['rate', 'programmeMedianRate', 'programmeMedianShare', 'threshold', 'share', 'limit'].includes(key))
    return pct(value, 1)
  return int(value)
}

export function flagBlock(flag, headingLevel = 'h4') {
  return h(
    'div',
    { class: 'flag' },
    h(headingLevel, null, t(`flag_${flag.flag}`)),
    h('p', null, t(`flagExplain_${flag.flag}`)),
    h('p', { class: 'evidence-title' }, t('evidence')),
    h(
      'dl',
      { class: 'evidence' },
      Object.entries(flag.evidence).map(([k, v]) =>
        h('div', null, h('dt', null, t(`ev_${k}`)), h('dd', null, evidenceText(k, v))),
      ),
    ),
  )
}

/**
 * A fee line's confidence in words ("62 % sure this is earned (threshold 60)"), '' without one. Floored to
 * a whole per cent, so 0.996 reads 99 %, never a certainty the data do not give.
 */
export function confidenceText(line) {
  if (line.confidence == null) return ''
  const sure = pct(Math.floor(line.confidence * 100) / 100)
  return t(line.thresholdReached ? 'confidenceEarned' : 'confidenceNotEarned', sure, num(line.threshold))
}

export function componentLabel(c, i) {
  return `${i + 1}. ${t(`component_${c.type}`)}`
}

/**
 * What suppressing answers would pay under a rule that counts non-respondents at the respondents' mean, one
 * sentence per provider and component (the API's suppressionSensitivity); null when the rule does not.
 */
export function suppressionNotes(providers, cur) {
  const items = providers.flatMap((p) =>
    p.components.flatMap((c, i) =>
      c.suppressionSensitivity
        ? [
            h(
              'li',
              null,
              t(
                'suppressionLine',
                p.name,
                componentLabel(c, i),
                int(c.suppressionSensitivity.answers),
                money(c.suppressionSensitivity.gain, cur, true),
              ),
            ),
          ]
        : [],
    ),
  )
  if (!items.length) return null
  return h('div', { class: 'suppression-note' }, h('p', null, t('suppressionLead')), h('ul', null, items))
}
