// The providers side by side: scores with intervals and stars, response rates, the R-indicator and
// integrity flags, for one period; the public ratings page is one link away.
import { api, qs } from './api.js'
import { COLORS, chartFigure } from './charts.js'
import { dataTable, h, replace } from './dom.js'
import { int, num, pct, range, t } from './i18n.js'
import { ratingsLink } from './procurer-setup.js'
import { flagBlock, lastYear, maybe, periodForm, section, stars } from './ui.js'

const periods = new Map()

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
  const ci = (q) => (q.ci95 ? `${num(q.ci95[0])} – ${num(q.ci95[1])}` : maybe(null))
  const programmeMean = scores.programme.qualityIndex.mean

  const chart = chartFigure(
    t('chartCompare'),
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.s.name),
        datasets: [
          {
            type: 'bar',
            label: t('shrunkIndex'),
            data: rows.map((r) => r.s.qualityIndex.shrunk),
            backgroundColor: COLORS.own,
          },
          {
            type: 'bar',
            label: t('qualityIndex'),
            data: rows.map((r) => r.s.qualityIndex.mean),
            backgroundColor: COLORS.other,
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
    periodForm(period, (p) => {
      periods.set(pid, p)
      compare(ctx, el, { pid, isCurrent, announce })
    }),
    rows.length ? chart : null,
    dataTable({
      caption: t('compareTable', range(period.from, period.to)),
      className: 'compare',
      columns: [
        { label: t('provider') },
        { label: t('invited'), num: true },
        { label: t('responses'), num: true },
        { label: t('qualityIndex'), num: true },
        { label: t('ci95'), num: true },
        { label: t('shrunkIndex'), num: true },
        { label: t('stars') },
        { label: t('comparisonCol') },
        { label: t('rate_rr1'), num: true },
        { label: t('rIndicator'), num: true },
        { label: t('flagsCol'), num: true },
      ],
      rows: rows.map(({ s, d }) => [
        s.name,
        int(s.invited),
        int(s.responses),
        maybe(s.qualityIndex.mean),
        ci(s.qualityIndex),
        maybe(s.qualityIndex.shrunk),
        stars(s.stars),
        [
          s.comparison ? t(`comparison_${s.comparison.replace(' ', '_')}`) : '–',
          '. ',
          t(`publication_${s.publication}`),
        ],
        pct(d?.rates.rr1 ?? s.responseRate),
        maybe(d?.representativeness.rIndicator, (x) => num(x, 2)),
        int(d?.integrityFlags.length ?? 0),
      ]),
      foot: [
        t('programmeAll'),
        int(scores.programme.invited),
        int(scores.programme.responses),
        maybe(programmeMean),
        ci(scores.programme.qualityIndex),
        '',
        '',
        '',
        pct(diag.programme.rates.rr1),
        maybe(diag.programme.rIndicator, (x) => num(x, 2)),
        '',
      ],
    }),
    h('p', null, t('medianProviderRate', pct(diag.programme.medianProviderRate))),
    h('p', null, ratingsLink(pid)),
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
