// The provider's fee statement: which index its quality figure is, with the interval of that index and the
// stars apart (issue 14). Loaded with the statement only, to keep the provider's sign-in light.
import { api, qs } from './api.js'
import { h } from './dom.js'
import { int, num, t } from './i18n.js'
import { componentLabel, maybe, periodQuery, stars, wholePeriods } from './ui.js'

/**
 * The provider's score row for a run's period, or null: the API scores whole months, quarters and years only
 * for a provider key, so a run over any other period has none.
 */
export async function scoreOfRun(programmeId, providerId, period) {
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
export function statementIndexCards(part, score, group) {
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
export function feeIndexNote(part) {
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
