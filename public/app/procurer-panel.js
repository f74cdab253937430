// Panel ratings: a steering group's rating of a provider for one month, quarter or year, with its reason
// (shown to the provider). Each new rating of the same provider and period is a new version.
import { api } from './api.js'
import { dataTable, field, h, replace } from './dom.js'
import { busy, clearErrors, showErrors, success } from './forms.js'
import { dateTime, int, num, t } from './i18n.js'
import { lastQuarters, section } from './ui.js'

const enc = encodeURIComponent

export async function panel(_ctx, el, { pid, isCurrent, announce }, saved = null) {
  const base = `/programmes/${enc(pid)}`
  const [{ providers }, { ratings }] = await Promise.all([
    api.get(`${base}/providers`),
    api.get(`${base}/panel-ratings`),
  ])
  if (!isCurrent()) return
  const names = new Map(providers.map((p) => [p.id, p.name]))
  const quarters = lastQuarters(2)
  const c = {
    providerId: h(
      'select',
      { name: 'providerId', 'data-label': t('provider') },
      providers.map((p) => h('option', { value: p.id }, p.name)),
    ),
    period: h('input', {
      type: 'text',
      name: 'period',
      value: quarters[0].period,
      autocomplete: 'off',
      spellcheck: 'false',
      'data-label': t('panelPeriod'),
    }),
    rating: h('input', {
      type: 'number',
      name: 'rating',
      step: 'any',
      inputmode: 'decimal',
      'data-label': t('rating'),
    }),
    reason: h('textarea', { name: 'reason', rows: '3', maxlength: '2000', 'data-label': t('panelReason') }),
  }
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack', id: 'panel-rating-form', method: 'post', novalidate: true },
    summary,
    saved ? success(saved) : null,
    field({ label: t('provider'), control: c.providerId }),
    h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('panelPeriod'), hint: t('panelPeriodHint'), control: c.period }),
      field({ label: t('rating'), hint: t('ratingHint'), control: c.rating }),
    ),
    field({ label: t('panelReason'), hint: t('panelReasonHint'), control: c.reason }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', disabled: providers.length === 0 }, t('saveRating'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      clearErrors(summary, c)
      const rating = c.rating.value.trim() === '' ? Number.NaN : Number(c.rating.value)
      const body = {
        providerId: c.providerId.value,
        period: c.period.value.trim(),
        rating: Number.isFinite(rating) ? rating : null,
        reason: c.reason.value.trim(),
      }
      try {
        const r = await api.post(`${base}/panel-ratings`, body)
        const text = t('ratingSaved', names.get(r.providerId) ?? r.providerId, r.period, int(r.version))
        await panel(_ctx, el, { pid, isCurrent, announce }, text)
        announce(text)
      } catch (err) {
        showErrors(summary, err, c)
      }
    })
  })
  replace(
    el,
    h('h2', null, t('panelTitle')),
    h('p', { class: 'lead' }, t('panelLead')),
    section(t('newRatingTitle'), providers.length ? null : h('p', { class: 'notice' }, t('needProviders')), form),
    section(
      t('ratingsTitle'),
      ratings.length
        ? dataTable({
            caption: t('ratingsTable', int(ratings.length)),
            className: 'panel-ratings',
            columns: [
              { label: t('provider') },
              { label: t('panelPeriod') },
              { label: t('version'), num: true },
              { label: t('rating'), num: true },
              { label: t('panelReason') },
              { label: t('created') },
            ],
            rows: ratings.map((r) => [
              names.get(r.providerId) ?? r.providerId,
              r.period,
              int(r.version),
              num(r.rating, Math.min(3, (String(r.rating).split('.')[1] ?? '').length)),
              r.reason,
              dateTime(r.createdAt),
            ]),
          })
        : h('p', null, t('noRatings')),
    ),
  )
}
