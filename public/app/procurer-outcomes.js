// Recording outcomes (a recruitment, a placement...) on episodes: one at a time by the client's reference,
// or a CSV of them (externalRef,type,occurredOn,value). The API takes them per episode
// (POST /episodes/:eid/outcomes): the episode is looked up by its reference from the programme's list.
import { api, qs } from './api.js'
import { dataTable, field, h, replace, setFieldError, uid } from './dom.js'
import { busy, clearErrors, showErrors, success } from './forms.js'
import { date, int, num, t } from './i18n.js'
import { OUTCOMES, outcomeWord } from './rule-form.js'
import { errorText } from './shell.js'
import { section, today } from './ui.js'

export const OUTCOME_COLUMNS = ['externalRef', 'type', 'occurredOn', 'value']

/** externalRef -> [episode ids], every page of the programme's episodes. */
async function episodesByRef(pid) {
  const out = new Map()
  let after = null
  do {
    const page = await api.get(`/programmes/${encodeURIComponent(pid)}/episodes${qs({ limit: 1000, after })}`)
    for (const e of page.episodes) out.set(e.externalRef, [...(out.get(e.externalRef) ?? []), e.id])
    after = page.next
  } while (after)
  return out
}

function parseCsv(text) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

async function record(refs, { externalRef, type, occurredOn, value }) {
  const ids = refs.get(externalRef)
  if (!ids) throw new Error(t('noEpisodeWithRef', externalRef))
  if (ids.length > 1) throw new Error(t('manyEpisodesWithRef', externalRef))
  const body = { type, occurredOn }
  if (value !== undefined && value !== '') body.value = Number(String(value).replace(',', '.'))
  return api.post(`/episodes/${encodeURIComponent(ids[0])}/outcomes`, body)
}

export function outcomesSection(pid, announce) {
  // One outcome.
  const typeSelect = h(
    'select',
    { name: 'type' },
    OUTCOMES.map((o) => h('option', { value: o }, outcomeWord(o))),
    h('option', { value: '' }, t('otherOutcomeOption')),
  )
  const c = {
    externalRef: h('input', { type: 'text', name: 'externalRef', autocomplete: 'off', 'data-label': t('externalRef') }),
    type: typeSelect,
    otherType: h('input', { type: 'text', name: 'otherType', autocomplete: 'off', 'data-label': t('otherOutcome') }),
    occurredOn: h('input', { type: 'date', name: 'occurredOn', value: today(), 'data-label': t('occurredOn') }),
    value: h('input', { type: 'text', inputmode: 'decimal', name: 'value', 'data-label': t('outcomeValue') }),
  }
  c.type.dataset.label = t('outcomeType')
  const otherField = field({ label: t('otherOutcome'), hint: t('otherOutcomeHint'), control: c.otherType })
  otherField.hidden = true
  typeSelect.addEventListener('change', () => {
    otherField.hidden = typeSelect.value !== ''
  })
  const summary = h('div')
  const done = h('div')
  const form = h(
    'form',
    { class: 'stack', id: 'record-outcome', method: 'post', novalidate: true },
    summary,
    field({ label: t('externalRef'), hint: t('outcomeRefHint'), control: c.externalRef }),
    field({ label: t('outcomeType'), control: c.type }),
    otherField,
    h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('occurredOn'), control: c.occurredOn }),
      field({ label: t('outcomeValue'), hint: t('outcomeValueHint'), control: c.value }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('recordOutcome'))),
    done,
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      replace(summary)
      replace(done)
      for (const x of Object.values(c)) setFieldError(x, null)
      const externalRef = c.externalRef.value.trim()
      if (!externalRef) return fieldError(c.externalRef, t('outcomeRefMissing'))
      const type = c.type.value || c.otherType.value.trim()
      try {
        const refs = await episodesByRef(pid)
        if (!refs.has(externalRef)) return fieldError(c.externalRef, t('noEpisodeWithRef', externalRef))
        await record(refs, { externalRef, type, occurredOn: c.occurredOn.value, value: c.value.value.trim() })
        const text = t('outcomeRecorded', outcomeWord(type), externalRef)
        replace(done, success(text))
        announce(text)
      } catch (err) {
        showErrors(summary, err, {
          type: c.type.value ? c.type : c.otherType,
          occurredOn: c.occurredOn,
          value: c.value,
        })
      }
    })
  })
  function fieldError(control, message) {
    setFieldError(control, message)
    control.focus()
  }

  // A CSV of them.
  const file = h('input', { type: 'file', id: uid('outcomes-file'), name: 'file', accept: '.csv,text/csv' })
  const csvSummary = h('div')
  const result = h('div', { id: 'outcomes-result' })
  const csvForm = h(
    'form',
    { class: 'stack', id: 'import-outcomes', method: 'post', novalidate: true },
    csvSummary,
    field({ label: t('outcomesCsvFile'), hint: t('outcomesCsvHint'), control: file }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('importOutcomes'))),
  )
  csvForm.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(csvForm, async () => {
      replace(csvSummary)
      replace(result)
      setFieldError(file, null)
      const chosen = file.files?.[0]
      if (!chosen) {
        setFieldError(file, t('chooseFile'))
        file.focus()
        return
      }
      const rows = parseCsv(await chosen.text()).filter((r) => r.some((x) => x.trim() !== ''))
      const header = (rows.shift() ?? []).map((x) => x.trim())
      const missing = OUTCOME_COLUMNS.slice(0, 3).filter((col) => !header.includes(col))
      if (missing.length) {
        setFieldError(file, t('outcomesCsvColumns', missing.join(', ')))
        file.focus()
        return
      }
      const at = Object.fromEntries(OUTCOME_COLUMNS.map((col) => [col, header.indexOf(col)]))
      let refs
      try {
        refs = await episodesByRef(pid)
      } catch (err) {
        return showErrors(csvSummary, err)
      }
      const report = []
      for (const [k, r] of rows.entries()) {
        const line = k + 2
        const row = Object.fromEntries(
          OUTCOME_COLUMNS.map((col) => [col, at[col] >= 0 ? (r[at[col]] ?? '').trim() : '']),
        )
        try {
          await record(refs, row)
          report.push({ line, row, ok: true, text: t('rowRecorded') })
        } catch (err) {
          const issues = err.issues?.length ? err.issues.map((i) => i.message).join('; ') : errorText(err)
          report.push({ line, row, ok: false, text: issues })
        }
      }
      const ok = report.filter((x) => x.ok).length
      const text = t('outcomesImported', int(ok), int(report.length - ok))
      replace(
        result,
        h('p', { role: 'status', class: report.length === ok ? 'success' : null }, text),
        dataTable({
          caption: t('outcomesReportTable'),
          className: 'outcome-report',
          columns: [
            { label: t('lineColumn'), num: true },
            { label: t('externalRef') },
            { label: t('outcomeType') },
            { label: t('resultColumn') },
          ],
          rows: report.map((x) => [String(x.line), x.row.externalRef, outcomeWord(x.row.type), x.text]),
        }),
      )
      announce(text)
    })
  })

  return section(
    t('outcomesTitle'),
    h('p', null, t('outcomesLead')),
    h('h4', null, t('recordOneTitle')),
    form,
    h('h4', null, t('recordCsvTitle')),
    h('p', null, t('csvColumns'), ' ', h('code', null, OUTCOME_COLUMNS.join(','))),
    csvForm,
    result,
  )
}

// Reported outcomes: what follow-up answers say happened, waiting for the procurer to confirm (then they are
// outcomes that result components pay) or reject. One checkbox per row; confirm the selected, all shown, or reject.
const REPORTED_STATUSES = ['pending', 'confirmed', 'rejected']

export function reportedOutcomesSection(pid, announce) {
  const base = `/programmes/${encodeURIComponent(pid)}/reported-outcomes`
  const statusId = uid('reported-status')
  const status = h(
    'select',
    { id: statusId, name: 'status' },
    REPORTED_STATUSES.map((s) => h('option', { value: s }, t(`reportedStatus_${s}`))),
  )
  const summary = h('div')
  const host = h('div', { id: 'reported-outcomes' })
  let shown = []
  let boxes = []

  async function load() {
    clearErrors(summary)
    try {
      shown = (await api.get(`${base}${qs({ status: status.value })}`)).reportedOutcomes
    } catch (err) {
      return showErrors(summary, err)
    }
    const pending = status.value === 'pending'
    boxes = shown.map((r) =>
      h('input', {
        type: 'checkbox',
        name: 'ids',
        value: r.id,
        id: `pick-${r.id}`,
        'aria-label': t('reportedPick', r.externalRef, outcomeWord(r.type)),
      }),
    )
    replace(
      host,
      shown.length === 0
        ? h('p', { class: 'muted' }, t(`reportedNone_${status.value}`))
        : [
            dataTable({
              caption: t('reportedTable', int(shown.length)),
              className: 'reported-outcomes',
              rowHeader: !pending,
              columns: [
                ...(pending ? [{ label: t('reportedSelect') }] : []),
                { label: t('externalRef') },
                { label: t('providerName') },
                { label: t('outcomeType') },
                { label: t('occurredOn') },
                { label: t('outcomeValue'), num: true },
                { label: t('reportedAnsweredOn') },
                { label: t('reportedLinkHeldBy') },
              ],
              rows: shown.map((r, k) => [
                ...(pending ? [boxes[k]] : []),
                r.externalRef,
                r.providerName,
                outcomeWord(r.type),
                date(r.occurredOn),
                r.value === null ? '' : num(r.value, 2),
                date(r.createdAt),
                t(`reportedLinkHeldBy_${r.linkHeldBy}`),
              ]),
            }),
            pending
              ? h(
                  'div',
                  { class: 'actions' },
                  h(
                    'button',
                    { type: 'button', onclick: () => review('confirm', picked()) },
                    t('reportedConfirmSelected'),
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      onclick: () =>
                        review(
                          'confirm',
                          shown.map((r) => r.id),
                        ),
                    },
                    t('reportedConfirmAll', int(shown.length)),
                  ),
                  h(
                    'button',
                    { type: 'button', class: 'secondary', onclick: () => review('reject', picked()) },
                    t('reportedRejectSelected'),
                  ),
                )
              : null,
          ],
    )
  }
  const picked = () => boxes.filter((b) => b.checked).map((b) => b.value)

  async function review(decision, ids) {
    clearErrors(summary)
    if (ids.length === 0) {
      replace(summary, h('p', { class: 'field-error', role: 'alert' }, t('reportedPickFirst')))
      return
    }
    try {
      const result = await api.post(`${base}/${decision}`, { ids })
      await load()
      const text = t(decision === 'confirm' ? 'reportedConfirmed' : 'reportedRejected', int(result[`${decision}ed`]))
      replace(summary, success(text))
      announce(text)
    } catch (err) {
      showErrors(summary, err)
    }
  }

  status.addEventListener('change', load)
  load()
  return section(
    t('reportedTitle'),
    h('p', null, t('reportedLead')),
    field({ label: t('reportedShow'), control: status }),
    summary,
    host,
  )
}
