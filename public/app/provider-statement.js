// The provider's fee runs and statements: its own part of a run, and which index its quality figure is, with
// the interval of that index and the stars apart (issue 14). Loaded with the view only, to keep sign-in light.
import { api, download, qs } from './api.js'
import { dataTable, h, replace } from './dom.js'
import { dateTime, int, loadTexts, money, num, pct, range, t } from './i18n.js'
import { errorText } from './shell.js'
import { cards, componentLabel, confidenceText, maybe, periodQuery, stars, wholePeriods } from './ui.js'

/**
 * The provider's score row for a run's period, or null: the API scores whole months, quarters and years only
 * for a provider key, so a run over any other period has none.
 */
async function scoreOfRun(programmeId, providerId, period) {
  const whole = wholePeriods().find((p) => p.from === period.from && p.to === period.to)
  if (!whole) return null
  const scores = await api.get(`/programmes/${encodeURIComponent(programmeId)}/scores${qs(periodQuery(whole))}`)
  return scores.providers.find((p) => p.providerId === providerId) ?? null
}

/**
 * The statement's index is the unweighted mean of the answers, so it is shown with the interval of that mean
 * (the score row's ci95) and the stars apart, with the weighted index and interval they come from. Only when
 * the score row is over the same answers: a provider key's scores rest on answers released in whole groups
 * (domain/release.ts), and later answers count too, either of which would pair it with another mean.
 */
function statementIndexCards(part, score, group) {
  const q = score?.qualityIndex
  const same =
    q?.mean != null &&
    part.qualityIndex != null &&
    score.responses === part.responses &&
    Math.abs(q.mean - part.qualityIndex) < 1e-6
  const words = t('answersMeanOf', int(part.responses))
  // Below minGroup answers the API hides the mean (the value says so): no interval to pair it with.
  const note =
    part.qualityIndex == null
      ? words
      : !same
        ? `${words} ${score ? t('answersMeanChanged', group) : t('answersMeanNoCi')}`
        : q.ci95
          ? `${words} ${t('ciText', num(q.ci95[0]), num(q.ci95[1]))}.`
          : words
  return [
    { label: t('answersMean'), value: maybe(part.qualityIndex), note: h('span', { id: 'statement-index-note' }, note) },
    ...(same && score.stars != null && q.shrunkCi95
      ? [
          {
            label: t('stars'),
            value: stars(score.stars),
            note: h(
              'span',
              { id: 'statement-stars-note' },
              t('starsFromWeighted', num(q.shrunk), num(q.shrunkCi95[0]), num(q.shrunkCi95[1])),
            ),
          },
        ]
      : []),
  ]
}

/** A provider-level quality component pays on an index of its own (details.index, details.nonResponse): say which. */
function feeIndexNote(part) {
  const rules = part.components.filter((c) => c.details?.index && c.details?.nonResponse)
  if (rules.length === 0) return null
  return h(
    'p',
    { id: 'fee-index-note' },
    rules
      .map((c) =>
        t(
          'feeIndexIs',
          componentLabel(c, part.components.indexOf(c)),
          t(`feeIndex_${c.details.index}`),
          t(`feeBase_${c.details.nonResponse}`),
        ),
      )
      .join(' '),
  )
}

/** The provider's fee runs and, with runId, its own statement of that run; group is the programme's minGroup. */
export async function fees(ctx, el, { isCurrent, runId, announce, programmeId, group }) {
  const { runs } = await api.get(`/programmes/${encodeURIComponent(programmeId)}/fee-runs`)
  if (!isCurrent()) return
  const list = dataTable({
    caption: t('runsTable'),
    cards: true,
    columns: [
      { label: t('period') },
      { label: t('status') },
      { label: t('ruleVersion'), num: true },
      { label: t('created') },
      { label: t('statement') },
    ],
    rows: runs.map((r) => [
      range(r.period.from, r.period.to),
      t(`runStatus_${r.status}`),
      int(r.ruleVersion),
      dateTime(r.createdAt),
      h(
        'a',
        { href: `#/fees/${r.id}`, 'aria-current': r.id === runId ? 'page' : null },
        t('showStatementFor', range(r.period.from, r.period.to)),
      ),
    ]),
  })
  const detail = h('div')
  replace(
    el,
    h('h2', null, t('feesTitle')),
    h('p', { class: 'lead' }, t('feesLeadProvider')),
    runs.length ? list : h('p', null, t('noRuns')),
    detail,
  )
  if (!runId) return
  const run = await api.get(`/fee-runs/${encodeURIComponent(runId)}?lines=true`)
  if (!isCurrent()) return
  const part = run.providers.find((p) => p.providerId === ctx.provider.id)
  if (!part) {
    replace(detail, h('p', null, t('notInRun')))
    return
  }
  const [score] = await Promise.all([scoreOfRun(programmeId, ctx.provider.id, run.period), loadTexts('fees')])
  if (!isCurrent()) return
  const cur = run.currency
  const dl = (file) => async () => {
    try {
      const name = await download(`/fee-runs/${encodeURIComponent(run.id)}/${file}`, `${file}`)
      announce(t('downloaded', name))
    } catch (err) {
      announce(errorText(err))
    }
  }
  replace(
    detail,
    h('h3', { id: 'statement-heading' }, t('statementFor', range(run.period.from, run.period.to))),
    h('p', null, t('runMeta', t(`runStatus_${run.status}`), run.ruleVersion, dateTime(run.createdAt))),
    cards([
      { label: t('total'), value: money(part.total, cur) },
      ...(part.expectedOwed != null ? [{ label: t('expectedOwed'), value: money(part.expectedOwed, cur) }] : []),
      { label: t('clients'), value: int(part.clients) },
      { label: t('responses'), value: int(part.responses) },
      { label: t('responseRate'), value: pct(part.responseRate) },
      ...statementIndexCards(part, score, group),
    ]),
    feeIndexNote(part),
    dataTable({
      caption: t('componentsTable'),
      cards: true,
      columns: [{ label: t('component') }, { label: t('amount'), num: true }, { label: t('explanation') }],
      rows: part.components.map((c, i) => [componentLabel(c, i), money(c.amount, cur), c.explanation]),
      foot: [t('total'), money(part.total, cur), ''],
    }),
    dataTable({
      caption: t('linesTable', int(part.lines?.length ?? 0)),
      cards: true,
      className: 'fee-lines',
      columns: [
        { label: t('externalRef') },
        { label: t('component') },
        { label: t('amount'), num: true },
        { label: t('reason') },
        { label: t('confidence') },
      ],
      rows: (part.lines ?? []).map((l) => [
        l.externalRef ?? t('wholeProvider'),
        componentLabel({ type: l.type }, l.component),
        money(l.amount, cur),
        l.reason,
        confidenceText(l),
      ]),
    }),
    (part.lines ?? []).some((l) => l.confidence != null) ? h('p', null, t('atRiskExplained')) : null,
    h('p', { class: 'muted' }, t('linesPseudonymous')),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: dl('statement.csv') }, t('downloadStatement')),
      h('button', { type: 'button', class: 'secondary', onclick: dl('lines.csv') }, t('downloadLines')),
    ),
  )
}
