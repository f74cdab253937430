// The providers side by side: scores with intervals and stars, response rates, the R-indicator (with its
// interval and partial R-indicators) and integrity flags, for one period; the public ratings page is one
// link away.
import { api, qs } from './api.js'
import { COLORS, chartFigure } from './charts.js'
import { dataTable, h, replace } from './dom.js'
import { int, num, pct, range, t } from './i18n.js'
import { responsesExportForm } from './procurer-export.js'
import { ratingsLink } from './procurer-setup.js'
import {
  comparisonText,
  flagBlock,
  lastYear,
  maybe,
  periodForm,
  section,
  seriesTexts,
  signed,
  stars,
  weightedText,
  withCi,
} from './ui.js'

const periods = new Map()
const VARIABLES = ['customerType', 'serviceType', 'riskClass', 'language']

/** The bias-adjusted R-indicator with its 95 % interval: 0.61 (0.28 – 0.95). */
function rWithInterval(rep) {
  if (rep?.rIndicator == null) return maybe(null)
  const { rIndicator: r, interval } = rep
  return interval ? `${num(r, 2)} (${num(interval.low, 2)} – ${num(interval.high, 2)})` : num(r, 2)
}

const valueName = (variable, value) =>
  value === null ? t('notGiven') : variable === 'customerType' ? t(`customerType_${value}`) : value

/** A partial R-indicator and, when one group answers clearly less than average, which. */
function partialCell(variable, partial) {
  if (partial?.partialR == null) return maybe(null)
  const shown = partial.categories.filter((k) => k.partialR !== null)
  const least = shown.reduce((low, k) => (low === null || k.partialR < low.partialR ? k : low), null)
  return h(
    'span',
    null,
    num(partial.partialR, 2),
    least && least.partialR < 0 && partial.partialR > 0
      ? h('span', { class: 'muted' }, ` ${t('reprAnswersLeast', valueName(variable, least.value))}`)
      : null,
  )
}

function representativenessSection(rows, programme) {
  const verdict = (rep) =>
    !rep ? '–' : rep.belowProgramme ? t('reprBelow') : rep.interval ? t('reprNotBelow') : t('reprNoInterval')
  return section(
    t('reprTitle'),
    h('p', null, t('reprLead')),
    dataTable({
      caption: t('reprTable'),
      className: 'representativeness',
      cards: true,
      columns: [
        { label: t('provider') },
        { label: t('reprWithInterval'), num: true },
        { label: t('reprVerdict') },
        ...VARIABLES.map((v) => ({ label: t('reprPartialOf', t(`var_${v}`)), num: true })),
      ],
      rows: rows.map(({ s, d }) => [
        s.name,
        rWithInterval(d?.representativeness),
        verdict(d?.representativeness),
        ...VARIABLES.map((v) => partialCell(v, d?.representativeness?.partials[v])),
      ]),
      foot: [
        t('programmeAll'),
        rWithInterval(programme),
        '',
        ...VARIABLES.map((v) => partialCell(v, programme?.partials[v])),
      ],
    }),
    h('p', null, t('reprPartialsLead')),
  )
}

export async function compare(ctx, el, { pid, isCurrent, announce }) {
  const period = periods.get(pid) ?? lastYear()
  const base = `/programmes/${encodeURIComponent(pid)}`
  const [scores, diag] = await Promise.all([
    api.get(`${base}/scores${qs(period)}`),
    api.get(`${base}/diagnostics${qs(period)}`),
  ])
  if (!isCurrent()) return
  const byId = new Map(diag.providers.map((p) => [p.providerId, p]))
  const rows = scores.providers.map((s) => ({ s, d: byId.get(s.providerId) }))
  const group = (...parts) => h('span', null, ...parts)
  const programmeMean = scores.programme.qualityIndex.mean
  // Present only when the programme has the case-mix adjustment on.
  const adjusted = diag.caseMix !== undefined
  const ifAdjusted = (...cells) => (adjusted ? cells : [])

  const chart = chartFigure(
    t('chartCompare'),
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.s.name),
        datasets: [
          {
            type: 'line',
            label: t('shrunkIndex'),
            data: rows.map((r) => r.s.qualityIndex.shrunk),
            showLine: false,
            pointStyle: 'rectRot',
            pointRadius: 7,
            borderColor: COLORS.own,
            backgroundColor: COLORS.own,
          },
          {
            type: 'bar',
            label: t('weightedCi'),
            data: rows.map((r) => r.s.qualityIndex.shrunkCi95),
            backgroundColor: COLORS.band,
            borderColor: COLORS.own,
            borderWidth: 1,
          },
          {
            type: 'line',
            label: t('programmeMean'),
            data: rows.map(() => programmeMean),
            borderColor: COLORS.programme,
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ],
      },
      options: { scales: { y: { min: 0, max: 100 } } },
    },
    t('chartCompareCaption'),
  )

  const flagged = rows.filter((r) => (r.d?.integrityFlags ?? []).length > 0)
  replace(
    el,
    h('h2', null, t('compareTitle')),
    h('p', { class: 'lead' }, t('compareLead')),
    h('p', null, t('periodShown', range(period.from, period.to))),
    ...seriesTexts(scores).map((text) => h('p', { class: 'survey-series' }, text)),
    h('p', null, weightedText(scores.programme)),
    periodForm(period, (p) => {
      periods.set(pid, p)
      compare(ctx, el, { pid, isCurrent, announce })
    }),
    rows.length ? chart : null,
    dataTable({
      caption: t('compareTable', range(period.from, period.to)),
      className: 'compare',
      cards: true,
      columns: [
        { label: t('provider') },
        { label: t('answersOfInvited'), num: true },
        { label: t('rate_rr1'), num: true },
        { label: t('shrunkWithCi'), num: true },
        { label: t('stars') },
        { label: t('rawWithCi'), num: true },
        ...ifAdjusted({ label: t('adjustedIndex'), num: true }),
        { label: t('rIndicator'), num: true },
        { label: t('flagsCol'), num: true },
      ],
      rows: rows.map(({ s, d }) => [
        s.name,
        `${int(s.responses)} / ${int(s.invited)}`,
        pct(d?.rates.rr1 ?? s.responseRate),
        withCi(s.qualityIndex.shrunk, s.qualityIndex.shrunkCi95),
        group(
          stars(s.stars),
          h('span', { class: 'muted' }, comparisonText(s) ?? '–', ' ', t(`publication_${s.publication}`)),
        ),
        withCi(s.qualityIndex.mean, s.qualityIndex.ci95),
        ...ifAdjusted(maybe(s.qualityIndex.adjusted)),
        maybe(d?.representativeness.rIndicator, (x) => num(x, 2)),
        int(d?.integrityFlags.length ?? 0),
      ]),
      foot: [
        t('programmeAll'),
        `${int(scores.programme.responses)} / ${int(scores.programme.invited)}`,
        pct(diag.programme.rates.rr1),
        '–',
        '',
        withCi(programmeMean, scores.programme.qualityIndex.ci95),
        ...ifAdjusted(maybe(programmeMean)),
        maybe(diag.programme.rIndicator, (x) => num(x, 2)),
        '',
      ],
    }),
    h('p', null, t('medianProviderRate', pct(diag.programme.medianProviderRate))),
    adjusted ? caseMixSection(diag.caseMix) : null,
    wavesSection(rows, diag),
    h('p', null, ratingsLink(pid)),
    responsesExportForm(pid, period, announce),
    representativenessSection(rows, diag.programme.representativeness),
    section(
      t('flagsTitle'),
      h('p', null, t('flagsLead')),
      flagged.length
        ? flagged.map((r) =>
            h(
              'section',
              { class: 'provider-flags' },
              h('h4', null, r.s.name),
              r.d.integrityFlags.map((f) => flagBlock(f, 'h5')),
            ),
          )
        : h('p', { class: 'success' }, t('noFlagsAny')),
    ),
  )
}

/** A wave's response rate with its counts: 50 % (1 / 2); "–" without invitations. */
const waveRate = (figures) =>
  figures?.invited
    ? `${pct(figures.rate ?? figures.rates?.rr1)} (${int(figures.completed)} / ${int(figures.invited)})`
    : maybe(null)

/**
 * The intake and follow-up waves beside the exit survey: each provider's mean change from intake to exit with
 * its paired interval and how many clients answered both (when any client did), and each wave's response
 * rate. Nothing when the programme has neither wave.
 */
function wavesSection(rows, diag) {
  const withChange = rows.some((r) => r.s.change)
  const intake = new Map((diag.intake ?? []).map((p) => [p.providerId, p]))
  const followUp = new Map(diag.followUp.providers.map((p) => [p.providerId, p]))
  const withIntake = diag.intake !== null
  const withFollowUp = diag.followUp.providers.some((p) => p.invited > 0)
  if (!withChange && !withIntake && !withFollowUp) return null
  const when = (on, ...cells) => (on ? cells : [])
  return section(
    t('wavesTitle'),
    h('p', null, t('wavesLead')),
    dataTable({
      caption: t('wavesTable'),
      className: 'waves',
      cards: true,
      columns: [
        { label: t('provider') },
        ...when(withChange, { label: t('changeWithCi'), num: true }, { label: t('changeClients'), num: true }),
        ...when(withIntake, { label: t('intakeRate'), num: true }),
        ...when(withFollowUp, { label: t('followUpRate'), num: true }),
      ],
      rows: rows.map(({ s }) => [
        s.name,
        ...when(withChange, withCi(s.change?.mean, s.change?.ci95, signed), int(s.change?.n ?? 0)),
        ...when(withIntake, waveRate(intake.get(s.providerId))),
        ...when(withFollowUp, waveRate(followUp.get(s.providerId))),
      ]),
    }),
  )
}

const levelText = (level) => level ?? t('caseMixNotRecorded')

/** The case-mix model: each coefficient with its n, against the reference level of its variable. */
function caseMixSection(model) {
  if (model === null) return section(t('caseMixModelTitle'), h('p', null, t('caseMixNoModel')))
  const reference = new Map(model.references.map((r) => [r.variable, r]))
  return section(
    t('caseMixModelTitle'),
    h('p', null, t('caseMixModelLead')),
    dataTable({
      caption: t('caseMixModelTitle'),
      className: 'case-mix',
      columns: [
        { label: t('caseMixFactor') },
        { label: t('caseMixLevel') },
        { label: 'n', num: true },
        { label: t('caseMixEffect'), num: true },
      ],
      rows: model.terms.map((term) => {
        const ref = reference.get(term.variable)
        return [
          t(`caseMixVar_${term.variable}`),
          term.variable === 'daysToAnswer'
            ? t('caseMixPerDay')
            : `${levelText(term.level)} (${t('caseMixReference', `${levelText(ref.level)}, n ${int(ref.n)}`)})`,
          int(term.n),
          term.coefficient === null ? t('caseMixAliased') : num(term.coefficient),
        ]
      }),
    }),
    h('p', { class: 'muted' }, `R² ${num(model.rSquared, 2)}, n ${int(model.n)}`),
  )
}
