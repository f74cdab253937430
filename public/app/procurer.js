// /procurer: programmes, set-up, the confirmation queue, episode import, providers side by side, fee runs
// and simulations.
// Each programme view is its own module, loaded when it is first opened.
import { api, qs } from './api.js'
import { dataTable, field, h, replace } from './dom.js'
import { busy, clearErrors, showErrors } from './forms.js'
import { date, int, t } from './i18n.js'
import { errorText, startApp, WrongKey } from './shell.js'
import { localised, surveys } from './ui.js'

async function identify(key) {
  // Who the key is: a procurer key bound to one programme may not create others, so it is not offered to.
  const [me, { programmes }] = await Promise.all([api.get('/me', { key }), api.get('/programmes', { key })])
  if (me.role !== 'procurer' && me.role !== 'admin') throw new WrongKey(t('notProcurerKey'))
  return { me, programmes, listedAt: Date.now(), pending: new Map() }
}

async function programmesView(ctx, el, { announce }) {
  // Just listed when the key was checked: no need to ask again.
  const { programmes } = Date.now() - ctx.listedAt < 5000 ? ctx : await api.get('/programmes')
  ctx.programmes = programmes
  ctx.listedAt = 0
  // A key bound to one programme may not create another: the form is not offered.
  const bound = Boolean(ctx.me?.programmeId)
  const list = programmes.length
    ? dataTable({
        caption: t('programmesTable'),
        columns: [{ label: t('programme') }, { label: t('region') }, { label: t('currency') }, { label: t('created') }],
        rows: programmes.map((p) => [
          h('a', { href: `#/p/${p.id}/setup` }, p.name),
          p.region,
          p.currency,
          date(p.createdAt),
        ]),
      })
    : h('p', null, t('noProgrammes'))

  const [all, { custodyFields }] = await Promise.all([surveys().catch(() => []), import('./procurer-custody.js')])
  const custody = custodyFields()
  const surveySelect = (name, type) =>
    h(
      'select',
      { name, 'data-label': t(`survey_${type}`) },
      all.map((s) =>
        h('option', { value: s.id, selected: s.id.includes(type) ? true : null }, localised(s.definition?.title, s.id)),
      ),
    )
  const c = {
    name: h('input', { type: 'text', name: 'name', required: true, 'data-label': t('programmeName') }),
    region: h('input', { type: 'text', name: 'region', required: true, 'data-label': t('region') }),
    currency: h('input', { type: 'text', name: 'currency', value: 'EUR', maxlength: '3', 'data-label': t('currency') }),
    'surveys.company': surveySelect('company', 'company'),
    'surveys.jobseeker': surveySelect('jobseeker', 'jobseeker'),
    'publication.minResponses': h('input', {
      type: 'number',
      name: 'minResponses',
      value: '10',
      min: '1',
      'data-label': t('minResponses'),
    }),
    'publication.minGroup': h('input', {
      type: 'number',
      name: 'minGroup',
      value: '5',
      min: '3',
      'data-label': t('minGroup'),
    }),
    invitationDays: h('input', {
      type: 'number',
      name: 'invitationDays',
      value: '30',
      min: '1',
      max: '365',
      'data-label': t('invitationDays'),
    }),
    ...custody.controls,
  }
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack', id: 'create-programme', method: 'post', novalidate: true },
    summary,
    field({ label: t('programmeName'), control: c.name }),
    field({ label: t('region'), control: c.region }),
    field({ label: t('currency'), hint: t('currencyHint'), control: c.currency }),
    field({ label: t('survey_company'), control: c['surveys.company'] }),
    field({ label: t('survey_jobseeker'), control: c['surveys.jobseeker'] }),
    h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('minResponses'), hint: t('minResponsesHint'), control: c['publication.minResponses'] }),
      field({ label: t('minGroup'), hint: t('minGroupHint'), control: c['publication.minGroup'] }),
      field({ label: t('invitationDays'), hint: t('invitationDaysHint'), control: c.invitationDays }),
    ),
    custody.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('createProgramme'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      clearErrors(summary, c)
      const body = {
        name: c.name.value.trim(),
        region: c.region.value.trim(),
        currency: c.currency.value.trim().toUpperCase(),
        surveys: { company: c['surveys.company'].value, jobseeker: c['surveys.jobseeker'].value },
        publication: {
          minResponses: Number(c['publication.minResponses'].value),
          minGroup: Number(c['publication.minGroup'].value),
        },
        invitationDays: Number(c.invitationDays.value),
        ...custody.values(),
      }
      try {
        const created = await api.post('/programmes', body)
        ctx.programmes = [...ctx.programmes, created]
        announce(t('programmeCreated', created.name))
        location.hash = `#/p/${created.id}/setup`
      } catch (err) {
        showErrors(summary, err, c)
      }
    })
  })
  replace(
    el,
    h('h2', null, t('programmesTitle')),
    list,
    bound
      ? h('p', null, t('boundKeyNote'))
      : [h('h2', null, t('createProgrammeTitle')), h('p', null, t('createProgrammeLead')), form],
  )
}

const lazy =
  (load, name) =>
  async (...args) =>
    (await load())[name](...args)

// ---- The count of pending episodes in the navigation, so that a waiting queue is noticed ----

/** Pending episodes counted per programme (null: not known yet); "1000+" when there are more than a page. */
async function countPending(ctx, pid) {
  try {
    const answer = await api.get(
      `/programmes/${encodeURIComponent(pid)}/episodes${qs({ status: 'pending', limit: 1000 })}`,
    )
    ctx.pending.set(pid, { n: answer.episodes.length, more: answer.next !== null })
  } catch {
    return // the count is a convenience: the queue view itself says what failed
  }
  // Only on the same programme's navigation: another view may have opened meanwhile.
  const link = document.getElementById('nav-queue')
  if (link?.getAttribute('href') === `#/p/${encodeURIComponent(pid)}/queue`)
    replace(link, t('navQueue'), queueBadge(ctx.pending.get(pid)))
}

function queueBadge(count) {
  const shown = count ? `${int(count.n)}${count.more ? '+' : ''}` : ''
  return h(
    'span',
    { id: 'nav-queue-count', class: 'nav-count', hidden: !count || count.n === 0 },
    h('span', { 'aria-hidden': 'true' }, shown),
    h('span', { class: 'visually-hidden' }, count ? `(${t('pendingCount', shown)})` : ''),
  )
}

/** Every programme view counts the queue again as it opens (a provider may have registered clients since). */
const counted = (view) => async (ctx, el, params) => {
  countPending(ctx, params.pid)
  return view(ctx, el, params)
}

const programmeViews = {
  setup: lazy(() => import('./procurer-setup.js'), 'setup'),
  queue: lazy(() => import('./procurer-queue.js'), 'queue'),
  rules: lazy(() => import('./procurer-rules.js'), 'rules'),
  episodes: lazy(() => import('./procurer-episodes.js'), 'episodes'),
  compare: lazy(() => import('./procurer-compare.js'), 'compare'),
  runs: lazy(() => import('./procurer-fees.js'), 'runs'),
  simulate: lazy(() => import('./procurer-fees.js'), 'simulate'),
  ledger: lazy(() => import('./procurer-ledger.js'), 'ledger'),
  panel: lazy(() => import('./procurer-panel.js'), 'panel'),
}

/** The views that are not a programme's: the programmes and the surveys the procurer writes. */
function topRoute(parts) {
  const nav = [
    { href: '#/', label: t('navProgrammes') },
    { href: '#/surveys', label: t('navSurveys') },
  ]
  if (parts[0] !== 'surveys')
    return { nav, current: '#/', view: programmesView, params: {}, title: t('programmesTitle') }
  const surveyId = parts[1] ? decodeURIComponent(parts[1]) : null
  return {
    nav,
    current: '#/surveys',
    view: surveyId ? surveyViews.editor : surveyViews.list,
    params: { surveyId },
    title: surveyId ? `${surveyId} – ${t('navSurveys')}` : t('navSurveys'),
  }
}

const surveyViews = {
  list: lazy(() => import('./procurer-surveys.js'), 'surveyList'),
  editor: lazy(() => import('./procurer-surveys.js'), 'surveyEditor'),
}

function route(ctx, path) {
  const parts = path.split('/').filter(Boolean)
  if (parts[0] !== 'p' || !parts[1]) return topRoute(parts)
  const pid = parts[1]
  const name = ctx.programmes.find((p) => p.id === pid)?.name ?? pid
  const base = `#/p/${encodeURIComponent(pid)}`
  const nav = [
    { href: '#/', label: t('navProgrammes') },
    { href: `${base}/setup`, label: t('navSetup') },
    { href: `${base}/rules`, label: t('navRules') },
    { href: `${base}/queue`, label: t('navQueue'), id: 'nav-queue', badge: queueBadge(ctx.pending.get(pid)) },
    { href: `${base}/episodes`, label: t('navEpisodes') },
    { href: `${base}/compare`, label: t('navCompare') },
    { href: `${base}/runs`, label: t('navRuns') },
    { href: `${base}/simulate`, label: t('navSimulate') },
    { href: `${base}/ledger`, label: t('navLedger') },
    { href: `${base}/panel`, label: t('navPanel') },
  ]
  const which = programmeViews[parts[2]] ? parts[2] : 'setup'
  const current = `${base}/${which}`
  return {
    heading: name,
    nav,
    current,
    view: counted(programmeViews[which]),
    params: { pid, runId: which === 'runs' ? parts[3] : undefined, queueChanged: () => countPending(ctx, pid) },
    title: `${nav.find((n) => n.href === current)?.label} – ${name}`,
  }
}

startApp({ role: 'procurer', texts: ['procurer'], title: () => t('procurerHeading'), identify, route }).catch((err) => {
  document.getElementById('main')?.append(h('p', { role: 'alert' }, errorText(err)))
})
