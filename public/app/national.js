// /national: a ministry's view. A national key reads one thing, GET /national/comparison: every programme that
// used a survey's series in a whole period, side by side, each with only the figures its public ratings show.
import { api, qs } from './api.js'
import { COLORS, chartFigure } from './charts.js'
import { dataTable, field, h } from './dom.js'
import { int, loadLanguage, loadTexts, num, pct, range, t } from './i18n.js'
import { startApp, WrongKey } from './shell.js'
import { localised, maybe, periodQuery, surveys, wholePeriods, withCi } from './ui.js'

async function identify(key, { verified = false } = {}) {
  if (!verified) {
    const me = await api.get('/me', { key })
    if (me.role !== 'national') throw new WrongKey(t('notNationalKey'))
  }
  const published = (await surveys()).filter((s) => s.definition?.title && s.id)
  return {
    surveys: published,
    survey: published.find((s) => s.id === 'cx-company')?.id ?? published[0]?.id,
    period: wholePeriods()[0],
  }
}

const surveyTitle = (ctx, id) => localised(ctx.surveys.find((s) => s.id === id)?.definition?.title, id)

/** The survey and period to compare: two selects and a button (the view reloads on submit). */
function queryForm(ctx, rerender) {
  const periods = wholePeriods()
  const survey = h(
    'select',
    { name: 'survey' },
    ctx.surveys.map((s) =>
      h('option', { value: s.id, selected: s.id === ctx.survey }, localised(s.definition.title, s.id)),
    ),
  )
  const period = h(
    'select',
    { name: 'period' },
    periods.map((p) =>
      h('option', { value: p.period ?? '', selected: (p.period ?? '') === (ctx.period.period ?? '') }, p.label),
    ),
  )
  const form = h(
    'form',
    { class: 'period', method: 'post', novalidate: true },
    h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('nationalSurvey'), control: survey }),
      field({ label: t('period'), control: period }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('nationalShow'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    ctx.survey = survey.value
    ctx.period = periods.find((p) => (p.period ?? '') === period.value) ?? periods[0]
    rerender()
  })
  return form
}

/** The weighted index as a point on its own interval (a floating bar), per provider grouped by programme. */
function comparisonChart(data) {
  const rows = data.programmes.flatMap((p) =>
    p.providers
      .filter((r) => r.qualityIndex.shrunk !== null)
      .map((r) => ({
        label: [r.name, `${p.name} (${p.region})`],
        value: r.qualityIndex.shrunk,
        ci: r.qualityIndex.shrunkCi95,
      })),
  )
  if (rows.length === 0) return null
  return chartFigure(
    t('nationalChart'),
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          {
            type: 'line',
            label: t('nationalWeighted'),
            data: rows.map((r) => r.value),
            showLine: false,
            pointStyle: 'rectRot',
            pointRadius: 7,
            backgroundColor: COLORS.own,
            borderColor: COLORS.own,
          },
          {
            type: 'bar',
            label: t('nationalInterval'),
            data: rows.map((r) => r.ci),
            backgroundColor: COLORS.band,
            borderColor: COLORS.own,
            borderWidth: 1,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { min: 0, max: 100 } },
      },
    },
    t('nationalChartCaption'),
    { height: 90 + rows.length * 46 },
  )
}

const rIndicatorText = (r) => (r ? withCi(r.r, r.interval, (x) => num(x, 2)) : maybe(null))

/** One programme: its providers' public figures and the programme's own, as an accessible table. */
function programmeTable(p) {
  const publication = t('nationalPublication')
  const columns = [
    { label: t('nationalProvider') },
    { label: t('nationalWeightedCi'), num: true },
    { label: t('nationalIndex'), num: true },
    { label: t('nationalResponseRate'), num: true },
    { label: t('nationalAnswers'), num: true },
    { label: t('nationalInvited'), num: true },
    { label: t('nationalRIndicator'), num: true },
  ]
  const rows = p.providers.map((r) => [
    h('span', null, r.name, h('br', null), h('span', { class: 'muted' }, publication[r.publication] ?? r.publication)),
    withCi(r.qualityIndex.shrunk, r.qualityIndex.shrunkCi95),
    withCi(r.qualityIndex.mean, r.qualityIndex.ci95),
    maybe(r.responseRate, (x) => pct(x)),
    int(r.responses),
    int(r.invited),
    maybe(null),
  ])
  const foot = [
    t('nationalProgrammeRow'),
    maybe(null),
    withCi(p.programme.qualityIndex.mean, p.programme.qualityIndex.ci95),
    maybe(p.programme.responseRate, (x) => pct(x)),
    int(p.programme.responses),
    int(p.programme.invited),
    rIndicatorText(p.programme.rIndicator),
  ]
  return h(
    'section',
    { 'aria-label': t('nationalCaption', p.name, p.region) },
    dataTable({ caption: t('nationalCaption', p.name, p.region), columns, rows, foot, cards: true }),
    p.otherSurveys.length > 0 ? h('p', { class: 'muted' }, t('nationalOtherSurveys', p.otherSurveys.join(', '))) : null,
    p.linkCustody === 'provider' ? h('p', { class: 'muted' }, t('nationalProviderCustody')) : null,
  )
}

async function comparisonView(ctx, el, { isCurrent }) {
  const rerender = () => {
    location.hash = `#/?${new URLSearchParams({ survey: ctx.survey, period: ctx.period.period ?? '' })}`
  }
  if (!ctx.survey) {
    el.replaceChildren(h('p', null, t('nationalNone')))
    return
  }
  const data = await api.get(`/national/comparison${qs({ survey: ctx.survey, ...periodQuery(ctx.period) })}`)
  if (!isCurrent()) return
  const intro = t(
    'nationalIntro',
    surveyTitle(ctx, data.survey.id),
    data.survey.versions.join(', '),
    range(data.period.from, data.period.to),
  )
  el.replaceChildren(
    h('h2', null, t('nationalTitle')),
    queryForm(ctx, rerender),
    h('p', null, intro),
    data.programmes.length === 0
      ? h('p', null, t('nationalNone'))
      : h(
          'div',
          null,
          comparisonChart(data),
          h('p', { class: 'muted' }, t('nationalRNote')),
          data.programmes.map(programmeTable),
        ),
  )
}

// The page's own texts are there before sign-in (brand, lead); the shell reloads them on a language change.
await loadLanguage()
await loadTexts('national')

startApp({
  role: 'national',
  brand: 'brandNational',
  signInLead: 'signInLeadNational',
  title: () => t('nationalHeading'),
  identify,
  route(ctx, path) {
    // The hash carries the survey and period (ids only, never a key), so a view can be linked and reloaded.
    const params = new URLSearchParams(path.split('?')[1] ?? '')
    if (params.has('survey')) ctx.survey = params.get('survey')
    if (params.has('period')) {
      const wanted = params.get('period')
      ctx.period = wholePeriods().find((p) => (p.period ?? '') === wanted) ?? ctx.period
    }
    return { view: comparisonView, title: t('nationalTitle'), heading: t('nationalHeading'), params: {} }
  },
})
