// The confirmation queue: clients a provider registered wait here (no invitation, nothing billable) until
// the procurer confirms them, with the risk class that prices result fees, or rejects them with a reason.
// After confirming, the personal links of clients without contact data are shown once.
import { ApiError, api, qs } from './api.js'
import { dataTable, errorSummary, field, h, replace, setFieldError, uid } from './dom.js'
import { busy, showErrors } from './forms.js'
import { dateTime, int, range, t } from './i18n.js'
import {
  downloadInvitationLinks,
  invitationLinksForm,
  linksErrorText,
  linkText,
  personalWarning,
} from './procurer-links.js'
import { programmeData } from './procurer-setup.js'

const enc = encodeURIComponent
const MAX_PAGES = 5

/** Every pending episode of the programme (up to 5 pages of 1,000), oldest first. */
async function pendingEpisodes(pid) {
  let after = null
  let all = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.get(`/programmes/${enc(pid)}/episodes${qs({ status: 'pending', limit: 1000, after })}`)
    all = all.concat(answer.episodes)
    after = answer.next
    if (!after) return { episodes: all, more: false }
  }
  return { episodes: all, more: true }
}

/** "Provider key 'Kasvupolku, import'" from an episode's createdBy and the programme's keys. */
function creator(createdBy, keyLabels) {
  if (!createdBy?.role) return t('createdBySystem')
  const key = createdBy.keyId ? (keyLabels.get(createdBy.keyId) ?? createdBy.keyId) : null
  return key ? t('createdByKey', t(`role_${createdBy.role}`), key) : t(`role_${createdBy.role}`)
}

export async function queue(_ctx, el, { pid, isCurrent, announce, queueChanged }) {
  const [{ programme, providers }, keysAnswer] = await Promise.all([
    programmeData(pid),
    api.get(`/keys${qs({ programmeId: pid })}`).catch(() => ({ keys: [] })),
  ])
  if (!isCurrent()) return
  const names = new Map(providers.map((p) => [p.id, p.name]))
  const keyLabels = new Map(keysAnswer.keys.map((k) => [k.id, k.label ?? k.id]))
  const resultHost = h('div', { id: 'queue-result' })
  const listHost = h('div', { id: 'queue-list' })

  async function drawList() {
    const { episodes, more } = await pendingEpisodes(pid)
    const byProvider = new Map()
    for (const e of episodes) byProvider.set(e.providerId, [...(byProvider.get(e.providerId) ?? []), e])
    replace(
      listHost,
      episodes.length === 0
        ? h('p', { class: 'queue-empty' }, t('queueEmpty'))
        : [
            h('p', null, t('queueTotal', int(episodes.length), int(byProvider.size))),
            more ? h('p', { class: 'muted' }, t('queueMore')) : null,
            [...byProvider].map(([providerId, list]) => providerQueue(providerId, list)),
          ],
    )
  }

  /** One provider's pending episodes: a table to choose from, the risk class, confirm or reject. */
  function providerQueue(providerId, list) {
    const name = names.get(providerId) ?? providerId
    const headingId = uid('queue-heading')
    const boxes = list.map((e) =>
      h('input', { type: 'checkbox', name: 'episodeId', value: e.id, id: uid('pending'), 'data-ref': e.externalRef }),
    )
    const all = h('input', { type: 'checkbox', id: uid('select-all') })
    const syncAll = () => {
      const n = boxes.filter((b) => b.checked).length
      all.checked = n === boxes.length
      all.indeterminate = n > 0 && n < boxes.length
    }
    all.addEventListener('change', () => {
      for (const b of boxes) b.checked = all.checked
      syncAll()
    })
    for (const b of boxes) b.addEventListener('change', syncAll)

    const proposed = list.filter((e) => e.proposedRiskClass).length
    const modeName = uid('risk-mode')
    const classModes = ['proposed', 'set', 'none'].map((mode) =>
      h('input', { type: 'radio', name: modeName, value: mode, id: `${modeName}-${mode}` }),
    )
    const modeError = h('p', { class: 'field-error', id: uid('risk-mode-error'), hidden: true })
    classModes[0].dataset.errorId = modeError.id
    classModes[0].dataset.label = t('riskClassChoice')
    const riskClass = h('input', { type: 'text', name: 'riskClass', maxlength: '20', 'data-label': t('riskClass') })
    riskClass.addEventListener('input', () => {
      if (riskClass.value.trim()) classModes[1].checked = true
    })
    const reason = h('textarea', { name: 'reason', rows: '2', maxlength: '500', 'data-label': t('rejectReason') })
    const summary = h('div')
    const modeLabel = (r) => (r.value === 'proposed' ? t('riskMode_proposed', int(proposed)) : t(`riskMode_${r.value}`))

    const table = dataTable({
      caption: t('pendingTable', name, int(list.length)),
      className: 'pending',
      columns: [
        { label: t('externalRef') },
        { label: t('customerType') },
        { label: t('serviceType') },
        { label: t('servicePeriod') },
        { label: t('proposedRiskClass') },
        { label: t('contactData') },
        { label: t('registered') },
      ],
      rows: list.map((e, i) => [
        h('span', { class: 'select-row' }, boxes[i], h('label', { for: boxes[i].id }, e.externalRef)),
        t(`customerType_${e.customerType}`),
        e.serviceType ?? '–',
        range(e.startedOn, e.endedOn),
        e.proposedRiskClass ?? '–',
        e.hasContact ? t('contactYes') : t('contactNo'),
        [creator(e.createdBy, keyLabels), h('br'), dateTime(e.createdAt)],
      ]),
    })

    const form = h(
      'form',
      { class: 'queue-form', method: 'post', novalidate: true, 'data-provider': providerId },
      summary,
      h(
        'div',
        { class: 'choice select-all' },
        all,
        h('label', { for: all.id }, t('selectAllOf', name, int(list.length))),
      ),
      table,
      h(
        'fieldset',
        { class: 'choices', 'aria-describedby': `${modeName}-lead` },
        h('legend', null, t('riskClassChoice')),
        h('p', { class: 'hint choices-lead', id: `${modeName}-lead` }, t('riskClassChoiceHint')),
        modeError,
        classModes.map((r) =>
          h(
            'div',
            { class: 'choice' },
            r,
            h(
              'div',
              { class: 'choice-text' },
              h('label', { for: r.id }, modeLabel(r)),
              r.value === 'set'
                ? field({ label: t('riskClass'), control: riskClass, className: 'field nested' })
                : null,
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', name: 'action', value: 'confirm' }, t('confirmSelected')),
      ),
      h(
        'fieldset',
        { class: 'choices reject' },
        h('legend', null, t('rejectTitle')),
        field({ label: t('rejectReason'), hint: t('rejectReasonHint'), control: reason }),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', name: 'action', value: 'reject', class: 'warning' }, t('rejectSelected')),
        ),
      ),
    )
    const controls = { riskClass, reason, acceptProposedRiskClass: classModes[0] }

    const fail = (items) => {
      const box = errorSummary(t('problemTitle'), items)
      replace(summary, box)
      box.focus()
    }
    /** The API names episodes by index and id: name them by reference instead. */
    const apiFailed = (err, chosen) => {
      if (err instanceof ApiError)
        err.issues = err.issues.map((i) => {
          const m = /^episodeIds\[(\d+)\]$/.exec(i.path ?? '')
          return m && chosen[Number(m[1])]
            ? { path: '', message: t('notPendingAnymore', chosen[Number(m[1])].externalRef) }
            : i
        })
      showErrors(summary, err, controls)
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      const action = e.submitter?.value ?? 'confirm'
      busy(form, async () => {
        replace(summary)
        for (const c of Object.values(controls)) setFieldError(c, null)
        const chosen = list.filter((_, i) => boxes[i].checked)
        if (chosen.length === 0) return fail([{ text: t('selectSome'), target: boxes[0] }])
        const body = { episodeIds: chosen.map((x) => x.id) }
        if (action === 'reject') {
          if (!window.confirm(t('confirmReject', int(chosen.length), name))) return
          if (reason.value.trim()) body.reason = reason.value.trim()
          try {
            const answer = await api.post(`/programmes/${enc(pid)}/episodes/reject`, body)
            await changed()
            showRejected(name, chosen, answer)
          } catch (err) {
            apiFailed(err, chosen)
          }
          return
        }
        const mode = classModes.find((r) => r.checked)?.value
        if (!mode) {
          setFieldError(classModes[0], t('chooseRiskMode'))
          return fail([{ text: t('chooseRiskMode'), target: classModes[0] }])
        }
        if (mode === 'set') {
          if (!riskClass.value.trim()) {
            setFieldError(riskClass, t('riskClassMissing'))
            return fail([{ text: `${t('riskClass')}: ${t('riskClassMissing')}`, target: riskClass }])
          }
          body.riskClass = riskClass.value.trim()
        }
        if (mode === 'proposed') body.acceptProposedRiskClass = true
        try {
          const answer = await api.post(`/programmes/${enc(pid)}/episodes/confirm`, body)
          await changed()
          showConfirmed(name, providerId, chosen, answer)
        } catch (err) {
          apiFailed(err, chosen)
        }
      })
    })
    return h(
      'section',
      { 'aria-labelledby': headingId },
      h('h3', { id: headingId }, `${name} (${int(list.length)})`),
      form,
    )
  }

  async function changed() {
    await Promise.all([drawList(), queueChanged()])
  }

  function showConfirmed(name, providerId, chosen, answer) {
    const facts = new Map(chosen.map((e) => [e.id, e]))
    const withoutContact = answer.episodes.filter((e) => !facts.get(e.id)?.hasContact)
    const heading = h(
      'h3',
      { tabindex: '-1', id: 'queue-result-heading' },
      t('confirmedTitle', int(answer.confirmed), name),
    )
    replace(
      resultHost,
      h(
        'div',
        { class: 'success' },
        heading,
        h('p', null, t('confirmedLead', int(answer.confirmed - withoutContact.length))),
        withoutContact.length
          ? [
              h('h4', null, t('handOverTitle', int(withoutContact.length))),
              h('p', null, t('handOverLead')),
              personalWarning(),
              dataTable({
                caption: t('handOverTable', name),
                className: 'handover-links',
                // The link next to its reference: on a phone the other columns scroll out of view first.
                columns: [
                  { label: t('externalRef') },
                  { label: t('surveyLink') },
                  { label: t('customerType') },
                  { label: t('riskClass') },
                ],
                rows: withoutContact.map((e) => [
                  e.externalRef,
                  e.url
                    ? linkText(e.url, t('linkOf', e.externalRef), announce).el
                    : [t('linkWithoutOrigin'), ' ', h('code', null, e.token)],
                  t(`customerType_${facts.get(e.id).customerType}`),
                  e.riskClass ?? '–',
                ]),
              }),
              h('p', null, t('handOverLater')),
              h(
                'div',
                { class: 'actions' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    id: 'download-provider-links',
                    onclick: () => downloadFor(providerId),
                  },
                  t('downloadLinksOf', name),
                ),
              ),
            ]
          : null,
      ),
    )
    heading.focus()
    announce(t('confirmedTitle', int(answer.confirmed), name))
  }

  async function downloadFor(providerId) {
    try {
      announce(t('downloaded', await downloadInvitationLinks(pid, providerId)))
    } catch (err) {
      announce(linksErrorText(err))
    }
  }

  function showRejected(name, chosen, answer) {
    const heading = h(
      'h3',
      { tabindex: '-1', id: 'queue-result-heading' },
      t('rejectedTitle', int(answer.rejected), name),
    )
    replace(
      resultHost,
      h(
        'div',
        { class: 'notice' },
        heading,
        h('p', null, t('rejectedLead')),
        h(
          'ul',
          null,
          chosen.map((e) => h('li', null, e.externalRef)),
        ),
      ),
    )
    heading.focus()
    announce(t('rejectedTitle', int(answer.rejected), name))
  }

  await drawList()
  if (!isCurrent()) return
  const setting = programme.providerEpisodes
  replace(
    el,
    h('h2', null, t('queueTitle')),
    h('p', { class: 'lead' }, t('queueLead')),
    h('p', null, t(`queueSetting_${setting}`), ' ', h('a', { href: `#/p/${enc(pid)}/setup` }, t('changeSetting'))),
    resultHost,
    listHost,
    invitationLinksForm(pid, providers, announce),
  )
}
