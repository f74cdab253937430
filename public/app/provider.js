// /provider: a provider's own figures only. Every call is made with the provider's key, which the API
// limits to that provider's rows plus programme-wide aggregates; nothing here asks for anyone else's.
import { api, qs } from './api.js'
import { COLORS, chartFigure } from './charts.js'
import { dataTable, h, replace } from './dom.js'
import { int, num, pct, range, t } from './i18n.js'
import { errorText, startApp, WrongKey } from './shell.js'
import {
  cards,
  comparisonText,
  flagBlock,
  HIGH_CANNOT_SAY,
  itemMean,
  lastQuarters,
  maybe,
  periodQuery,
  questionTitles,
  section,
  seriesTexts,
  signed,
  stars,
  suppressedNote,
  surveyVersion,
  weightedText,
  wholePeriodForm,
  wholePeriods,
  withCi,
  wrap,
} from './ui.js'

async function identify(key, { verified = false } = {}) {
  const { programmes } = await api.get('/programmes', { key })
  if (programmes.length !== 1) throw new WrongKey(t('notProviderKey'))
  const programme = programmes[0]
  if (!verified) {
    // GET /me says who the key is: no request the key may not make (a provider key may not list keys).
    const me = await api.get('/me', { key })
    if (me.role !== 'provider') throw new WrongKey(t('notProviderKey'))
  }
  const { providers } = await api.get(`/programmes/${programme.id}/providers`, { key })
  if (providers.length !== 1) throw new WrongKey(t('notProviderKey'))
  // Whole months, quarters and years only: the API refuses from/to for a provider key.
  return { programme, provider: providers[0], period: wholePeriods()[0], diagnostics: new Map() }
}

const pid = (ctx) => ctx.programme.id
const minGroup = (ctx) => ctx.programme.publication?.minGroup ?? 5

function diagnosticsFor(ctx) {
  const k = ctx.period.period ?? ''
  if (!ctx.diagnostics.has(k)) {
    const p = api.get(`/programmes/${pid(ctx)}/diagnostics${qs(periodQuery(ctx.period))}`)
    p.catch(() => ctx.diagnostics.delete(k))
    ctx.diagnostics.set(k, p)
  }
  return ctx.diagnostics.get(k)
}

const monthName = (month) =>
  new Intl.DateTimeFormat(document.documentElement.lang || 'fi', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`))

/** The provider's own row of a diagnostics answer (the API sends no other). */
const ownOf = (ctx, d) => d.providers.find((p) => p.providerId === ctx.provider.id) ?? null

function periodControls(ctx, rerender) {
  return h(
    'div',
    null,
    h('p', null, t('periodShown', range(ctx.period.from, ctx.period.to))),
    wholePeriodForm(ctx.period, (p) => {
      ctx.period = p
      rerender()
    }),
  )
}

// ---- Overview: quality index and stars over time ----------------------------------------------

async function overview(ctx, el, { isCurrent }) {
  const quarters = lastQuarters(8)
  const current = await api.get(`/programmes/${pid(ctx)}/scores${qs(periodQuery(ctx.period))}`)
  // Every quarter of the chart in the survey series of the current period: a line never crosses a break.
  const shown = current.series.map((s) => `${s.surveyId}@${s.from}`).join(',')
  const series = await Promise.all(
    quarters.map((q) => api.get(`/programmes/${pid(ctx)}/scores${qs({ period: q.period, series: shown })}`)),
  )
  if (!isCurrent()) return
  const own = (s) => s.providers.find((p) => p.providerId === ctx.provider.id) ?? null
  const now = own(current)
  const all = quarters.map((q, i) => ({ ...q, own: own(series[i]), programme: series[i].programme }))
  // The chart starts at the first quarter with any invitations, not with empty years before the programme.
  const first = all.findIndex((p) => (p.own?.invited ?? 0) > 0 || (p.programme?.invited ?? 0) > 0)
  const points = first < 0 ? all.slice(-1) : all.slice(first)
  const comparison = comparisonText(now)

  const chart = chartFigure(
    t('chartQualityOverTime'),
    {
      type: 'line',
      data: {
        labels: points.map((p) => p.label),
        datasets: [
          {
            label: t('weightedCi'),
            data: points.map((p) => p.own?.qualityIndex.shrunkCi95?.[1] ?? null),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: COLORS.band,
            fill: '+1',
            spanGaps: false,
          },
          {
            label: t('weightedCi'),
            data: points.map((p) => p.own?.qualityIndex.shrunkCi95?.[0] ?? null),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: COLORS.band,
            fill: false,
          },
          {
            label: t('yourWeightedIndex'),
            data: points.map((p) => (p.own?.qualityIndex.mean == null ? null : p.own.qualityIndex.shrunk)),
            borderColor: COLORS.own,
            backgroundColor: COLORS.own,
            borderWidth: 3,
          },
          {
            label: t('programmeMean'),
            data: points.map((p) => p.programme.qualityIndex.mean),
            borderColor: COLORS.programme,
            backgroundColor: COLORS.programme,
            borderDash: [6, 4],
          },
          {
            label: t('stars'),
            data: points.map((p) => p.own?.stars ?? null),
            yAxisID: 'stars',
            borderColor: COLORS.amber,
            backgroundColor: COLORS.amber,
            pointStyle: 'rectRot',
            pointRadius: 5,
          },
        ],
      },
      options: {
        scales: {
          y: { min: 0, max: 100, title: { display: true, text: t('qualityIndex') } },
          stars: {
            position: 'right',
            min: 1,
            max: 5,
            grid: { drawOnChartArea: false },
            title: { display: true, text: t('stars') },
          },
        },
        plugins: { legend: { labels: { filter: (item) => item.datasetIndex !== 1 } } },
      },
    },
    t('chartQualityOverTimeCaption'),
  )

  replace(
    el,
    h('h2', null, t('overviewTitle')),
    h('p', { class: 'lead' }, t('overviewLead')),
    h('h3', null, t('currentPeriod', range(ctx.period.from, ctx.period.to))),
    ...seriesTexts(current).map((text) => h('p', null, text)),
    h('p', null, weightedText(current.programme)),
    cards([
      {
        label: t('shrunkIndex'),
        value: now?.qualityIndex.mean == null ? maybe(null) : maybe(now.qualityIndex.shrunk),
        note: now?.qualityIndex.shrunkCi95
          ? t('ciText', num(now.qualityIndex.shrunkCi95[0]), num(now.qualityIndex.shrunkCi95[1]))
          : null,
      },
      { label: t('stars'), value: stars(now?.stars), note: comparison },
      {
        label: t('rawWithCi'),
        value: maybe(now?.qualityIndex.mean),
        note: now?.qualityIndex.ci95 ? t('ciText', num(now.qualityIndex.ci95[0]), num(now.qualityIndex.ci95[1])) : null,
      },
      // Only where the programme has the case-mix adjustment on (the field is absent otherwise).
      ...(now && 'adjusted' in now.qualityIndex
        ? [{ label: t('adjustedIndex'), value: maybe(now.qualityIndex.adjusted) }]
        : []),
      { label: t('programmeMean'), value: maybe(current.programme.qualityIndex.mean) },
      {
        label: t('responses'),
        value: int(now?.responses ?? 0),
        note: now ? t(`publication_${now.publication}`) : null,
      },
      { label: t('responseRate'), value: pct(now?.responseRate ?? null) },
    ]),
    changeBlock(now?.change ?? null, minGroup(ctx)),
    h('h3', null, t('overTimeTitle')),
    chart,
    dataTable({
      caption: t('overTimeTable'),
      cards: true,
      columns: [
        { label: t('quarterCol') },
        { label: t('responses'), num: true },
        { label: t('shrunkWithCi'), num: true },
        { label: t('stars') },
        { label: t('rawWithCi'), num: true },
        { label: t('programmeMean'), num: true },
      ],
      rows: points.map((p) => [
        h('span', null, p.label, h('span', { class: 'visually-hidden' }, ` (${range(p.from, p.to)})`)),
        int(p.own?.responses ?? 0),
        p.own?.qualityIndex.mean == null
          ? maybe(null)
          : withCi(p.own.qualityIndex.shrunk, p.own.qualityIndex.shrunkCi95),
        stars(p.own?.stars),
        p.own?.qualityIndex.mean == null ? maybe(null) : withCi(p.own.qualityIndex.mean, p.own.qualityIndex.ci95),
        maybe(p.programme.qualityIndex.mean),
      ]),
    }),
    suppressedNote(minGroup(ctx)),
    h('p', null, h('a', { href: `/ratings/${encodeURIComponent(pid(ctx))}` }, t('publicRatingsLink'))),
  )
}

/**
 * The change from intake to exit (programmes with an intake wave; null otherwise): the mean with its paired
 * interval, how many clients answered both surveys, and per question the share who moved up a point or more.
 */
function changeBlock(change, min) {
  if (!change) return null
  const title = h('h3', null, t('changeTitle'))
  if (change.mean === null) return [title, h('p', null, t('changeHidden', int(change.n), int(min)))]
  return [
    title,
    h('p', null, t('changeLead')),
    cards([
      {
        label: t('changeMean'),
        value: signed(change.mean),
        note: change.ci95 ? t('ciText', signed(change.ci95[0]), signed(change.ci95[1])) : null,
      },
      { label: t('changeClients'), value: int(change.n) },
    ]),
    dataTable({
      caption: t('changeItemsCaption'),
      columns: [{ label: t('changeItemCol') }, { label: t('changeUpCol'), num: true }],
      rows: Object.entries(change.itemsUp ?? {}).map(([item, share]) => [item, pct(share)]),
    }),
  ]
}

// ---- Items against the programme average ------------------------------------------------------

async function items(ctx, el, { isCurrent }) {
  const d = await diagnosticsFor(ctx)
  if (!isCurrent()) return
  const own = ownOf(ctx, d)
  const versions = own?.itemStatistics ?? []
  const defs = await Promise.all(versions.map((v) => surveyVersion(v.surveyId, v.surveyVersion).catch(() => null)))
  if (!isCurrent()) return
  const rerender = () => items(ctx, el, { isCurrent })
  const blocks = versions.map((v, i) => {
    const titles = questionTitles(defs[i]?.definition)
    const order = [...titles.keys()]
    const position = (name) => order.indexOf(name) + 1 || order.length + 1
    const programmeVersion = d.programme.itemStatistics.find(
      (p) => p.surveyId === v.surveyId && p.surveyVersion === v.surveyVersion,
    )
    const surveyName = `${v.surveyId}, ${t('version')} ${v.surveyVersion}`
    if (v.items.length === 0) {
      return section(surveyName, h('p', null, t('itemsSuppressed', v.completed, minGroup(ctx))))
    }
    const rows = [...v.items]
      .sort((x, y) => position(x.item) - position(y.item))
      .map((it) => {
        const programmeItem = programmeVersion?.items.find((p) => p.item === it.item)
        const high = it.cannotSayShare !== null && it.cannotSayShare >= HIGH_CANNOT_SAY
        return {
          it,
          title: titles.get(it.item) ?? it.item,
          mean: itemMean(it),
          programme: itemMean(programmeItem),
          high,
        }
      })
    const chart = chartFigure(
      t('chartItems', surveyName),
      {
        type: 'bar',
        data: {
          labels: rows.map((r, k) => wrap(`${k + 1}. ${r.title}${r.high ? ' ⚠' : ''}`, 30)),
          datasets: [
            { label: t('yourScore'), data: rows.map((r) => r.mean), backgroundColor: COLORS.own },
            { label: t('programmeAverage'), data: rows.map((r) => r.programme), backgroundColor: COLORS.programme },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { min: 0, max: 100 }, y: { ticks: { autoSkip: false } } } },
      },
      t('chartItemsCaption'),
      { height: Math.max(260, 90 + rows.length * 64) },
    )
    return section(
      surveyName,
      h(
        'p',
        null,
        t('itemsCompleted', int(v.completed)),
        ' ',
        v.cronbachAlpha === null ? '' : t('alphaText', num(v.cronbachAlpha, 2)),
      ),
      chart,
      dataTable({
        caption: t('itemsTable', surveyName),
        cards: true,
        columns: [
          { label: t('item') },
          { label: t('yourScore'), num: true },
          { label: t('programmeAverage'), num: true },
          { label: t('answered'), num: true },
          { label: t('cannotSayShare'), num: true },
          { label: t('noAnswerShare'), num: true },
          { label: t('note') },
        ],
        rows: rows.map((r, k) => ({
          attrs: r.high ? { class: 'high-cannot-say' } : null,
          cells: [
            `${k + 1}. ${r.title}`,
            maybe(r.mean),
            maybe(r.programme),
            int(r.it.answered),
            pct(r.it.cannotSayShare),
            pct(r.it.nonResponseShare),
            r.high ? h('span', { class: 'mark' }, '⚠ ', t('highCannotSay', pct(HIGH_CANNOT_SAY))) : '',
          ],
        })),
      }),
    )
  })
  replace(
    el,
    h('h2', null, t('itemsTitle')),
    h('p', { class: 'lead' }, t('itemsLead')),
    periodControls(ctx, rerender),
    ...seriesTexts(d).map((text) => h('p', null, text)),
    blocks.length ? blocks : h('p', null, t('noResponses')),
    suppressedNote(minGroup(ctx)),
  )
}

// ---- Response rates and the invitation funnel ------------------------------------------------

async function responses(ctx, el, { isCurrent }) {
  const d = await diagnosticsFor(ctx)
  if (!isCurrent()) return
  const own = ownOf(ctx, d)
  const rerender = () => responses(ctx, el, { isCurrent })
  const rates = own?.rates ?? {}
  const prog = d.programme.rates
  // A provider key gets released counts by month only: completions (I) and declines (R), never a single
  // client's opening or starting of its link (see the privacy notes), so only RR1 and REF1.
  const rateNames = ['rr1', 'ref1']
  const funnelSteps = ['invited', 'completed', 'declined']
  const totals = Object.fromEntries(funnelSteps.map((s) => [s, d.months.reduce((n, m) => n + (m[s] ?? 0), 0)]))
  const outcomes = own?.outcomes ?? { I: 0, R: 0 }

  const rateChart = chartFigure(t('chartRates'), {
    type: 'bar',
    data: {
      labels: rateNames.map((r) => t(`rate_${r}`)),
      datasets: [
        {
          label: t('yours'),
          data: rateNames.map((r) => ((rates[r] ?? null) === null ? null : rates[r] * 100)),
          backgroundColor: COLORS.own,
        },
        {
          label: t('programmeAll'),
          data: rateNames.map((r) => ((prog[r] ?? null) === null ? null : prog[r] * 100)),
          backgroundColor: COLORS.programme,
        },
      ],
    },
    options: { scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } } },
  })
  const funnelChart = chartFigure(t('chartFunnel'), {
    type: 'bar',
    data: {
      labels: funnelSteps.map((s) => t(`funnel_${s}`)),
      datasets: [{ label: t('invitations'), data: funnelSteps.map((s) => totals[s]), backgroundColor: COLORS.own }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  })
  const mix = own?.representativeness?.mix ?? {}
  replace(
    el,
    h('h2', null, t('responsesTitle')),
    h('p', { class: 'lead' }, t('responsesLead')),
    periodControls(ctx, rerender),
    cards([
      {
        label: t('rate_rr1'),
        value: pct(rates.rr1 ?? null),
        note: t('medianProviderRate', pct(d.programme.medianProviderRate)),
      },
      { label: t('medianDays'), value: maybe(own?.medianDaysToAnswer, (x) => num(x, 0)) },
    ]),
    section(
      t('ratesTitle'),
      rateChart,
      dataTable({
        caption: t('ratesTable'),
        cards: true,
        columns: [
          { label: t('rate') },
          { label: t('yours'), num: true },
          { label: t('programmeAll'), num: true },
          { label: t('medianOfProviders'), num: true },
        ],
        rows: rateNames.map((r) => [
          t(`rate_${r}`),
          pct(rates[r] ?? null),
          pct(prog[r] ?? null),
          r === 'rr1' ? pct(d.programme.medianProviderRate) : '',
        ]),
      }),
      dataTable({
        caption: t('outcomesTable'),
        columns: [{ label: t('outcome') }, { label: t('yours'), num: true }],
        rows: ['I', 'R'].map((o) => [t(`outcome_${o}`), int(outcomes[o] ?? 0)]),
      }),
    ),
    section(
      t('funnelTitle'),
      funnelChart,
      dataTable({
        caption: t('funnelTable'),
        columns: [{ label: t('step') }, { label: t('invitations'), num: true }],
        rows: funnelSteps.map((s) => [t(`funnel_${s}`), int(totals[s])]),
      }),
      d.months.length
        ? dataTable({
            caption: t('monthlyTable'),
            columns: [{ label: t('monthOf') }, ...funnelSteps.map((s) => ({ label: t(`funnel_${s}`), num: true }))],
            rows: d.months.map((m) => [monthName(m.month), ...funnelSteps.map((s) => int(m[s]))]),
          })
        : h('p', null, t('noInvitations')),
      h('p', { class: 'muted' }, t('releasedNote', minGroup(ctx))),
    ),
    section(
      t('mixTitle'),
      h('p', null, own?.representativeness ? t('mixLead') : t('mixProcurerOnly')),
      Object.entries(mix)
        .filter(([, rows]) => rows.length > 0)
        .map(([variable, rows]) =>
          dataTable({
            caption: t(`var_${variable}`),
            columns: [
              { label: t('value') },
              { label: t('respondents'), num: true },
              { label: t('respondentShare'), num: true },
              { label: t('nonRespondents'), num: true },
              { label: t('nonRespondentShare'), num: true },
            ],
            rows: rows.map((r) => [
              r.value ?? t('notGiven'),
              maybe(r.respondents, int),
              maybe(r.respondentShare, pct),
              int(r.nonRespondents),
              pct(r.nonRespondentShare),
            ]),
          }),
        ),
    ),
    suppressedNote(minGroup(ctx)),
  )
}

// ---- Integrity flags --------------------------------------------------------------------------

async function flags(ctx, el, { isCurrent }) {
  const d = await diagnosticsFor(ctx)
  if (!isCurrent()) return
  const own = ownOf(ctx, d)
  const list = own?.integrityFlags ?? []
  replace(
    el,
    h('h2', null, t('flagsTitle')),
    h('p', { class: 'lead' }, t('flagsLead')),
    periodControls(ctx, () => flags(ctx, el, { isCurrent })),
    list.length ? list.map((f) => flagBlock(f, 'h3')) : h('p', { class: 'success' }, t('noFlags')),
  )
}

// ---- Fee statements ---------------------------------------------------------------------------

// The statement view loads with its view only, to keep the provider's sign-in light.
const fees = async (ctx, el, opts) =>
  (await import('./provider-statement.js')).fees(ctx, el, { ...opts, programmeId: pid(ctx), group: minGroup(ctx) })

// ---- Routing ----------------------------------------------------------------------------------

function route(_ctx, path) {
  const nav = [
    { href: '#/', label: t('navOverview') },
    { href: '#/items', label: t('navItems') },
    { href: '#/responses', label: t('navResponses') },
    { href: '#/flags', label: t('navFlags') },
    { href: '#/fees', label: t('navFees') },
  ]
  const parts = path.split('/').filter(Boolean)
  const views = { items, responses, flags, fees }
  const view = views[parts[0]] ?? overview
  const current = view === overview ? '#/' : `#/${parts[0]}`
  return {
    nav,
    current,
    view,
    params: { runId: parts[0] === 'fees' ? parts[1] : undefined },
    title: nav.find((n) => n.href === current)?.label,
  }
}

startApp({
  role: 'provider',
  title: (ctx) => t('providerHeading', ctx.provider.name),
  identify,
  route,
}).catch((err) => {
  document.getElementById('main')?.append(h('p', { role: 'alert' }, errorText(err)))
})
