// Programme set-up: the programme's settings (and its custody settings, changeable), its providers, access
// keys and the survey versions in use.
import { api, qs } from './api.js'
import { dataTable, field, h, replace, uid } from './dom.js'
import { busy, clearErrors, showErrors } from './forms.js'
import { currentLanguage, date, dateTime, int, num, t } from './i18n.js'
import { consequences, custodyFields } from './procurer-custody.js'
import { errorText } from './shell.js'
import { section, surveys } from './ui.js'

export async function programmeData(pid) {
  const [programme, { providers }] = await Promise.all([
    api.get(`/programmes/${encodeURIComponent(pid)}`),
    api.get(`/programmes/${encodeURIComponent(pid)}/providers`),
  ])
  return { programme, providers }
}

export const ratingsLink = (pid) =>
  h(
    'a',
    { href: `/ratings/${encodeURIComponent(pid)}?lang=${currentLanguage()}`, class: 'ratings-link' },
    t('publicRatingsLink'),
  )

export async function setup(ctx, el, { pid, isCurrent, announce }) {
  const [{ programme, providers }, keysAnswer, allSurveys, episodesAnswer, pendingAnswer] = await Promise.all([
    programmeData(pid),
    api.get(`/keys${qs({ programmeId: pid })}`),
    surveys().catch(() => []),
    api.get(`/programmes/${encodeURIComponent(pid)}/episodes?limit=1000`),
    api.get(`/programmes/${encodeURIComponent(pid)}/episodes${qs({ status: 'pending', limit: 1000 })}`),
  ])
  if (!isCurrent()) return
  const rerender = () => setup(ctx, el, { pid, isCurrent, announce })
  const pub = programme.publication

  // Providers -------------------------------------------------------------
  const pc = {
    name: h('input', {
      type: 'text',
      id: 'provider-name-input',
      name: 'name',
      required: true,
      'data-label': t('providerName'),
    }),
    businessId: h('input', { type: 'text', name: 'businessId', 'data-label': t('businessId') }),
  }
  const providerSummary = h('div')
  const providerForm = h(
    'form',
    { class: 'stack', id: 'add-provider', method: 'post', novalidate: true },
    providerSummary,
    h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('providerName'), control: pc.name }),
      field({ label: t('businessId'), hint: t('businessIdHint'), control: pc.businessId }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('addProvider'))),
  )
  providerForm.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(providerForm, async () => {
      clearErrors(providerSummary, pc)
      const body = { name: pc.name.value.trim() }
      if (pc.businessId.value.trim()) body.businessId = pc.businessId.value.trim()
      try {
        const created = await api.post(`/programmes/${encodeURIComponent(pid)}/providers`, body)
        await rerender()
        announce(t('providerAdded', created.name))
        document.getElementById('provider-name-input')?.focus()
      } catch (err) {
        showErrors(providerSummary, err, pc)
      }
    })
  })

  // Keys --------------------------------------------------------------------
  const providerName = new Map(providers.map((p) => [p.id, p.name]))
  const keyRow = (k) => [
    k.label ?? k.id,
    t(`role_${k.role}`),
    k.providerId ? (providerName.get(k.providerId) ?? k.providerId) : '',
    dateTime(k.createdAt),
    k.expiresAt ? dateTime(k.expiresAt) : t('never'),
    k.revokedAt ? t('revokedOn', dateTime(k.revokedAt)) : t('active'),
    k.revokedAt
      ? ''
      : h(
          'button',
          {
            type: 'button',
            class: 'warning',
            onclick: async () => {
              if (!window.confirm(t('confirmRevoke', k.label ?? k.id))) return
              try {
                await api.del(`/keys/${encodeURIComponent(k.id)}`)
                if (newKey.dataset.keyId === k.id) replace(newKey)
                await refreshKeys()
                announce(t('keyRevoked'))
              } catch (err) {
                announce(errorText(err))
              }
            },
          },
          t('revoke'),
          h('span', { class: 'visually-hidden' }, ` ${k.label ?? k.id}`),
        ),
  ]
  const kc = {
    role: h(
      'select',
      { name: 'role', 'data-label': t('keyRole') },
      h('option', { value: 'provider' }, t('role_provider')),
      h('option', { value: 'procurer' }, t('role_procurer')),
    ),
    providerId: h(
      'select',
      { name: 'providerId', 'data-label': t('provider') },
      providers.map((p) => h('option', { value: p.id }, p.name)),
    ),
    label: h('input', { type: 'text', name: 'label', 'data-label': t('keyLabel') }),
  }
  const providerField = field({ label: t('provider'), control: kc.providerId })
  kc.role.addEventListener('change', () => {
    providerField.hidden = kc.role.value !== 'provider'
  })
  const keySummary = h('div')
  const newKey = h('div', { 'aria-live': 'polite' })
  const keyForm = h(
    'form',
    { class: 'stack', id: 'create-key', method: 'post', novalidate: true },
    keySummary,
    h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('keyRole'), control: kc.role }),
      providerField,
      field({ label: t('keyLabel'), hint: t('keyLabelHint'), control: kc.label }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('createKey'))),
  )
  keyForm.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(keyForm, async () => {
      clearErrors(keySummary, kc)
      const body =
        kc.role.value === 'provider'
          ? { role: 'provider', providerId: kc.providerId.value }
          : { role: 'procurer', programmeId: pid }
      if (kc.label.value.trim()) body.label = kc.label.value.trim()
      try {
        const created = await api.post('/keys', body)
        const who = created.providerId ? providerName.get(created.providerId) : t('role_procurer')
        const secret = h('input', {
          type: 'text',
          id: 'new-key',
          readonly: true,
          value: created.key,
          spellcheck: 'false',
        })
        const copy = h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: async () => {
              secret.select()
              try {
                await navigator.clipboard.writeText(created.key)
                announce(t('copied'))
              } catch {
                announce(t('copyManually'))
              }
            },
          },
          t('copy'),
        )
        replace(
          newKey,
          h(
            'div',
            { class: 'notice' },
            h('p', null, h('strong', null, t('keyShownOnce', who))),
            h(
              'div',
              { class: 'secret' },
              h('label', { for: 'new-key', class: 'visually-hidden' }, t('newKey')),
              secret,
              copy,
            ),
          ),
        )
        newKey.dataset.keyId = created.id
        kc.label.value = ''
        secret.focus()
        secret.select()
        refreshKeys()
      } catch (err) {
        showErrors(keySummary, err, kc)
      }
    })
  })
  const keysTable = h('div')
  const keysTableFor = (keys) =>
    keys.length
      ? dataTable({
          caption: t('keysTable'),
          className: 'keys',
          columns: [
            { label: t('keyLabel') },
            { label: t('keyRole') },
            { label: t('provider') },
            { label: t('created') },
            { label: t('expires') },
            { label: t('status') },
            { label: t('action') },
          ],
          rows: keys,
        })
      : h('p', null, t('noKeys'))
  replace(keysTable, keysTableFor(keysAnswer.keys.map(keyRow)))
  /** Redraws only the list of keys, so that a new key stays on screen. */
  async function refreshKeys() {
    const { keys } = await api.get(`/keys${qs({ programmeId: pid })}`)
    replace(keysTable, keysTableFor(keys.map(keyRow)))
  }

  // Surveys in use -----------------------------------------------------------
  const used = new Map()
  for (const e of episodesAnswer.episodes) {
    if (!e.invitation) continue // pending or rejected: no invitation
    const k = `${e.invitation.surveyId}@${e.invitation.surveyVersion}`
    used.set(k, (used.get(k) ?? 0) + 1)
  }
  const surveyRows = ['company', 'jobseeker'].map((type) => {
    const id = programme.surveys[type]
    const s = allSurveys.find((x) => x.id === id)
    const inUse = [...used]
      .filter(([k]) => k.startsWith(`${id}@`))
      .map(([k, n]) => `${t('version')} ${k.split('@')[1]}: ${t('invitationsCount', int(n))}`)
    return [
      t(`customerType_${type}`),
      id,
      s ? String(s.version) : '–',
      s ? s.versions.join(', ') : '–',
      inUse.length ? inUse.join('; ') : t('noneYet'),
    ]
  })

  // Custody: who holds the survey links, what becomes of clients a provider registers -------
  const pending = pendingAnswer.episodes.length
  const before = { linkCustody: programme.linkCustody, providerEpisodes: programme.providerEpisodes }
  const effect = h('div', { class: 'callout', id: 'custody-effect', 'aria-live': 'polite', hidden: true })
  const showEffect = (after) => {
    const lines = consequences(before, after, pending)
    effect.hidden = lines.length === 0
    replace(
      effect,
      lines.length
        ? [h('p', null, h('strong', null, t('custodyEffectTitle'))), lines.map((l) => h('p', null, l))]
        : null,
    )
  }
  const custody = custodyFields(before, showEffect)
  const custodySummary = h('div')
  const custodyForm = h(
    'form',
    { class: 'stack', id: 'custody-settings', method: 'post', novalidate: true },
    custodySummary,
    custody.el,
    effect,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('saveCustody'))),
  )
  custodyForm.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(custodyForm, async () => {
      clearErrors(custodySummary, custody.controls)
      const after = custody.values()
      const body = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v))
      if (Object.keys(body).length === 0) {
        announce(t('custodyUnchanged'))
        return
      }
      try {
        await api.patch(`/programmes/${encodeURIComponent(pid)}`, body)
        await rerender()
        announce(t('custodySaved'))
        document.getElementById('custody-heading')?.focus()
      } catch (err) {
        showErrors(custodySummary, err, custody.controls)
      }
    })
  })

  const caseMix = caseMixForm(pid, programme.caseMix, async () => {
    await rerender()
    announce(t('caseMixSaved'))
    document.getElementById('case-mix-heading')?.focus()
  })

  const followUp = daysForm(pid, FOLLOW_UP, programme.followUpDays, async () => {
    await rerender()
    announce(t('followUpSaved'))
    document.getElementById('follow-up-heading')?.focus()
  })

  const intake = daysForm(pid, INTAKE, programme.intakeWindowDays, async () => {
    await rerender()
    announce(t('intakeSaved'))
    document.getElementById('intake-heading')?.focus()
  })

  replace(
    el,
    h('h2', null, t('setupTitle')),
    pending
      ? h(
          'p',
          { class: 'callout', id: 'pending-notice' },
          t('pendingNotice', int(pending)),
          ' ',
          h('a', { href: `#/p/${encodeURIComponent(pid)}/queue` }, t('openQueue')),
        )
      : null,
    dataTable({
      caption: t('programmeSettings'),
      columns: [{ label: t('setting') }, { label: t('value') }],
      rows: [
        [t('region'), programme.region],
        [t('currency'), programme.currency],
        [t('minResponses'), int(pub.minResponses)],
        [t('cautionBelow'), int(pub.cautionBelow)],
        [t('minGroup'), int(pub.minGroup)],
        [t('priorWeight'), pub.priorWeight == null ? t('priorWeightEstimated') : num(pub.priorWeight)],
        [t('invitationDays'), int(programme.invitationDays)],
        [t('custody_linkCustody'), t(`linkCustody_${programme.linkCustody}`)],
        [t('custody_providerEpisodes'), t(`providerEpisodes_${programme.providerEpisodes}`)],
        [t('caseMixSetting'), t(programme.caseMix ? 'caseMixOn' : 'caseMixOff')],
        [
          t('intakeWindowDays'),
          programme.intakeWindowDays == null ? t('intakeOff') : t('intakeOn', int(programme.intakeWindowDays)),
        ],
        [
          t('followUpDays'),
          programme.followUpDays == null ? t('followUpOff') : t('followUpOn', int(programme.followUpDays)),
        ],
        [
          t('currentRule'),
          programme.feeRule
            ? t('ruleVersionOn', programme.feeRule.version, date(programme.feeRule.createdAt))
            : t('noRuleYet'),
        ],
        [t('programmeId'), h('code', null, programme.id)],
      ],
    }),
    h('p', null, ratingsLink(pid)),
    h(
      'section',
      { 'aria-labelledby': 'custody-heading' },
      h('h3', { id: 'custody-heading', tabindex: '-1' }, t('custodyTitle')),
      h('p', null, t('custodyLead')),
      custodyForm,
    ),
    h(
      'section',
      { 'aria-labelledby': 'case-mix-heading' },
      h('h3', { id: 'case-mix-heading', tabindex: '-1' }, t('caseMixTitle')),
      h('p', null, t('caseMixLead')),
      caseMix,
    ),
    h(
      'section',
      { 'aria-labelledby': 'intake-heading' },
      h('h3', { id: 'intake-heading', tabindex: '-1' }, t('intakeTitle')),
      h('p', null, t('intakeLead')),
      intake,
    ),
    h(
      'section',
      { 'aria-labelledby': 'follow-up-heading' },
      h('h3', { id: 'follow-up-heading', tabindex: '-1' }, t('followUpTitle')),
      h('p', null, t('followUpLead')),
      followUp,
    ),
    section(
      t('providersTitle'),
      providers.length
        ? dataTable({
            caption: t('providersTable'),
            className: 'providers',
            columns: [
              { label: t('providerName') },
              { label: t('businessId') },
              { label: t('providerId') },
              { label: t('created') },
            ],
            rows: providers.map((p) => [p.name, p.businessId ?? '', h('code', null, p.id), date(p.createdAt)]),
          })
        : h('p', null, t('noProviders')),
      h('h4', null, t('addProviderTitle')),
      providerForm,
    ),
    section(
      t('keysTitle'),
      h('p', null, t('keysLead')),
      keysTable,
      h('h4', null, t('createKeyTitle')),
      providers.length ? null : h('p', { class: 'muted' }, t('keysNeedProvider')),
      keyForm,
      newKey,
    ),
    section(
      t('surveysTitle'),
      h('p', null, t('surveysLead')),
      dataTable({
        caption: t('surveysTable'),
        columns: [
          { label: t('customerType') },
          { label: t('survey') },
          { label: t('versionForNew') },
          { label: t('versionsPublished') },
          { label: t('versionsInInvitations') },
        ],
        rows: surveyRows,
      }),
      episodesAnswer.next ? h('p', { class: 'muted' }, t('first1000')) : null,
    ),
  )
}

/** The case-mix adjustment switch (opt-in): a checkbox saved with PATCH { caseMix }. */
function caseMixForm(pid, current, onSaved) {
  const id = uid('case-mix')
  const box = h('input', {
    type: 'checkbox',
    id,
    name: 'caseMix',
    checked: current,
    'aria-describedby': `${id}-hint`,
    'data-label': t('caseMixLabel'),
  })
  box.dataset.errorId = `${id}-error`
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack', id: 'case-mix-settings', method: 'post', novalidate: true },
    summary,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    h(
      'div',
      { class: 'choice' },
      box,
      h(
        'div',
        { class: 'choice-text' },
        h('label', { for: id }, t('caseMixLabel')),
        h('p', { class: 'hint', id: `${id}-hint` }, t('caseMixHint')),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('saveCaseMix'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      clearErrors(summary, { caseMix: box })
      try {
        await api.patch(`/programmes/${encodeURIComponent(pid)}`, { caseMix: box.checked })
        await onSaved()
      } catch (err) {
        showErrors(summary, err, { caseMix: box })
      }
    })
  })
  return form
}

// The settings in whole days, empty for off: the follow-up survey's day after the service's end and the intake
// wave's window from the service's start (the ranges are the API's).
const FOLLOW_UP = { name: 'followUpDays', min: 1, max: 730, formId: 'follow-up-settings', save: 'saveFollowUp' }
const INTAKE = { name: 'intakeWindowDays', min: 0, max: 365, formId: 'intake-settings', save: 'saveIntake' }

/**
 * A setting in whole days saved with PATCH (null when left empty). The API's issues go next to the field; a
 * refusal because the fee rule in force needs the setting (a 422 naming it, when turning it off) is explained
 * with a link to the fee rules.
 */
function daysForm(pid, { name, min, max, formId, save }, current, onSaved) {
  const days = h('input', {
    type: 'number',
    id: uid(name),
    name,
    min,
    max,
    step: 1,
    inputmode: 'numeric',
    value: current ?? '',
    'data-label': t(name),
  })
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack', id: formId, method: 'post', novalidate: true },
    summary,
    field({ label: t(name), hint: t(`${name}Hint`), control: days }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t(save))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      clearErrors(summary, { [name]: days })
      const raw = days.value.trim()
      try {
        await api.patch(`/programmes/${encodeURIComponent(pid)}`, { [name]: raw === '' ? null : Number(raw) })
        await onSaved()
      } catch (err) {
        const box = showErrors(summary, err, { [name]: days })
        if (raw === '' && current != null && err.status === 422 && err.issues?.some((i) => i.path === name))
          box.append(
            h(
              'p',
              { class: 'rule-needs-setting' },
              t('offRefusedByRule', t(name)),
              ' ',
              h('a', { href: `#/p/${encodeURIComponent(pid)}/rules` }, t('openRules')),
            ),
          )
      }
    })
  })
  return form
}
