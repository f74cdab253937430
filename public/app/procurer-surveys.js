// Surveys the procurer writes: the caller's own surveys, a new one from a template or from SurveyJS JSON
// (pasted or read from a file), and one survey's editor: the JSON as SurveyJS Creator reads and writes it,
// the linter's findings beside it grouped by the question they concern, the real respondent page as the
// server renders it (at phone width, in each language), publishing, and the published versions with the
// programmes that use them.
import { api } from './api.js'
import { dataTable, errorSummary, field, focusAt, h, replace, saveText, setFieldError, uid } from './dom.js'
import { busy, clearErrors, showErrors } from './forms.js'
import { currentLanguage, dateTime, int, LANGUAGES, loadTexts, t } from './i18n.js'
import { jsonLocations, locatePath } from './json-paths.js'
import { errorText } from './shell.js'
import { localised, surveys as publishedSurveys } from './ui.js'

const enc = encodeURIComponent
const CUSTOMER_TYPES = ['company', 'jobseeker']
const pretty = (value) => JSON.stringify(value, null, 2)

/** A code-editing textarea (no spelling, no capitals): the survey's JSON. */
const jsonArea = (name, value, rows) =>
  h('textarea', {
    name,
    class: 'code',
    rows: String(rows),
    spellcheck: 'false',
    autocapitalize: 'off',
    autocomplete: 'off',
    'data-label': t('surveyJson'),
    value,
  })

/** Reads a chosen .json file into a textarea (nothing is sent until the form is). */
function fileReader(target, announce) {
  const input = h('input', { type: 'file', accept: 'application/json,.json' })
  input.addEventListener('change', async () => {
    const file = input.files?.[0]
    if (!file) return
    target.value = await file.text()
    announce(t('fileRead', file.name))
  })
  return input
}

/** JSON.parse with the syntax error shown at the field and in a summary that links to it; null if it fails. */
function parseField(textarea, summaryHost) {
  try {
    return JSON.parse(textarea.value)
  } catch (err) {
    const message = t('jsonSyntax', err instanceof Error ? err.message : String(err))
    setFieldError(textarea, message)
    const box = errorSummary(t('problemTitle'), [{ text: message, target: textarea }])
    replace(summaryHost, box)
    box.focus()
    return null
  }
}

/** busy(), then the focus back on the button that sent the form when disabling it left the focus nowhere. */
async function sending(form, e, fn) {
  e.preventDefault()
  await busy(form, fn)
  if (e.submitter?.isConnected && document.activeElement === document.body) e.submitter.focus()
}

// ---- The list and a new survey ------------------------------------------------------------------

function templateOptions(templates) {
  return templates.flatMap((s) =>
    [...(s.versions ?? [s.version])]
      .sort((a, b) => b - a)
      .map((v) =>
        h('option', { value: `${s.id}@${v}` }, t('templateOption', localised(s.definition?.title, s.id), s.id, v)),
      ),
  )
}

export async function surveyList(_ctx, el, { announce }) {
  const [{ surveys: own }, templates] = await Promise.all([
    api.get('/surveys/authored'),
    publishedSurveys().catch(() => []),
    loadTexts('surveys'),
  ])
  const list = own.length
    ? dataTable({
        caption: t('authoredTable'),
        className: 'authored-surveys',
        cards: true,
        columns: [
          { label: t('surveyTitle') },
          { label: t('surveyId') },
          { label: t('customerType') },
          { label: t('draftSavedCol') },
          { label: t('latestVersion') },
        ],
        rows: own.map((s) => [
          h('a', { href: `#/surveys/${enc(s.id)}` }, s.title),
          h('code', null, s.id),
          t(`customerType_${s.customerType}`),
          dateTime(s.draftUpdatedAt),
          s.latestVersion ? t('versionN', s.latestVersion) : t('notPublished'),
        ]),
      })
    : h('p', null, t('noSurveys'))

  const c = {
    id: h('input', { type: 'text', name: 'id', required: true, spellcheck: 'false', 'data-label': t('surveyId') }),
    title: h('input', { type: 'text', name: 'title', 'data-label': t('surveyTitle') }),
    from: h('select', { name: 'from', 'data-label': t('template') }, templateOptions(templates)),
    customerType: h(
      'select',
      { name: 'customerType', 'data-label': t('customerType') },
      CUSTOMER_TYPES.map((v) => h('option', { value: v }, t(`customerType_${v}`))),
    ),
    json: jsonArea('json', '', 12),
  }
  const sourceName = uid('source')
  const radios = ['template', 'json'].map((value) =>
    h('input', { type: 'radio', name: sourceName, value, id: uid('source'), checked: value === 'template' }),
  )
  const nested = {
    template: h('div', null, field({ label: t('template'), control: c.from, className: 'field nested' })),
    json: h(
      'div',
      { hidden: true },
      field({ label: t('customerType'), control: c.customerType, className: 'field nested' }),
      field({ label: t('surveyJson'), hint: t('surveyJsonPasteHint'), control: c.json, className: 'field nested' }),
      field({
        label: t('jsonFile'),
        hint: t('jsonFileHint'),
        control: fileReader(c.json, announce),
        className: 'field nested',
      }),
    ),
  }
  const source = () => radios.find((r) => r.checked).value
  for (const r of radios)
    r.addEventListener('change', () => {
      for (const [k, part] of Object.entries(nested)) part.hidden = k !== source()
    })
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack', id: 'create-survey', method: 'post', novalidate: true },
    summary,
    field({ label: t('surveyId'), hint: t('surveyIdHint'), control: c.id }),
    field({ label: t('surveyTitle'), hint: t('surveyTitleHint'), control: c.title }),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', null, t('startFrom')),
      radios.map((r) =>
        h(
          'div',
          { class: 'choice' },
          r,
          h('div', { class: 'choice-text' }, h('label', { for: r.id }, t(`startFrom_${r.value}`)), nested[r.value]),
        ),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('createSurvey'))),
  )
  form.addEventListener('submit', (e) =>
    sending(form, e, async () => {
      clearErrors(summary, c)
      const id = c.id.value.trim()
      const title = c.title.value.trim() || undefined
      let body
      if (source() === 'template') body = { from: c.from.value, id, title }
      else {
        const json = parseField(c.json, summary)
        if (json === null) return
        body = { id, title: title ?? localised(json.title, id), customerType: c.customerType.value, json }
      }
      try {
        const created = await api.post('/surveys', body)
        announce(t('surveyCreated', created.survey.title, created.findings.length))
        location.hash = `#/surveys/${enc(created.survey.id)}`
      } catch (err) {
        showErrors(summary, err, c)
      }
    }),
  )
  replace(
    el,
    h('h2', null, t('authoredTitle')),
    h('p', { class: 'lead' }, t('authoredLead')),
    list,
    h('h2', null, t('newSurveyTitle')),
    form,
  )
}

// ---- One survey: its findings, preview, publishing and versions ---------------------------------

/** The questions of a SurveyJS definition in page order (inside panels too): [{name, title, page}]. */
export function questionsOf(json) {
  const out = []
  const walk = (elements, page) => {
    for (const e of Array.isArray(elements) ? elements : []) {
      if (!e || typeof e !== 'object') continue
      if (Array.isArray(e.elements)) walk(e.elements, page)
      else if (typeof e.name === 'string') out.push({ name: e.name, title: localised(e.title, e.name), page })
    }
  }
  const pages = Array.isArray(json?.pages) ? json.pages : []
  pages.forEach((p, i) => {
    walk(p?.elements, i)
  })
  return out
}

/** The findings grouped by question, in the order of the questions; the survey's own first. */
export function groupFindings(findings, questions) {
  const order = new Map(questions.map((q, i) => [q.name, i]))
  const groups = new Map()
  for (const f of findings) {
    const key = f.question ?? ''
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key).push(f)
  }
  const rank = (name) => (name === '' ? -1 : (order.get(name) ?? questions.length))
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, list]) => ({
      question: questions.find((q) => q.name === name) ?? (name ? { name, title: name, page: null } : null),
      findings: [...list].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error')),
    }))
}

const messageOf = (f) => f.message?.[currentLanguage()] ?? f.message?.en ?? f.rule
const counts = (findings) => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity !== 'error').length,
})

export async function surveyEditor(_ctx, el, { surveyId, announce, isCurrent }) {
  const base = `/surveys/${enc(surveyId)}`
  const [first, history] = await Promise.all([
    api.get(`${base}/draft`),
    api.get(`${base}/versions`),
    loadTexts('surveys'),
  ])
  if (!isCurrent()) return
  const state = { survey: first.survey, json: first.json, findings: first.findings, versions: history.versions }

  // The JSON and the findings beside it.
  const summary = h('div')
  const title = h('input', { type: 'text', name: 'title', value: state.survey.title, 'data-label': t('surveyTitle') })
  const textarea = jsonArea('json', pretty(state.json), 24)
  textarea.id = 'survey-json'
  const controls = { title, json: textarea }
  const findingsEl = h('div', { id: 'findings' })
  const selectPath = (path) => {
    const at = locatePath(jsonLocations(textarea.value), path)
    focusAt(textarea, at ? [at.start, at.end] : null)
  }
  const pathLink = (path) =>
    h(
      'a',
      {
        href: `#${textarea.id}`,
        class: 'finding-path',
        onclick: (e) => {
          e.preventDefault()
          selectPath(path)
        },
      },
      h('span', { class: 'visually-hidden' }, `${t('showInJson')}: `),
      h('code', null, path),
    )
  function showFindings() {
    const { errors, warnings } = counts(state.findings)
    const questions = questionsOf(state.json)
    replace(
      findingsEl,
      h('h3', { id: 'findings-heading' }, t('findingsTitle')),
      h(
        'p',
        { class: errors ? 'findings-count has-errors' : 'findings-count' },
        state.findings.length ? t('findingsCount', errors, warnings) : t('noFindings'),
      ),
      groupFindings(state.findings, questions).map(({ question, findings }) =>
        h(
          'section',
          { class: 'finding-group', 'data-question': question?.name ?? '' },
          h(
            'h4',
            null,
            question
              ? [
                  question.title,
                  question.title !== question.name ? [' ', h('code', null, question.name)] : null,
                  question.page === null ? null : h('span', { class: 'muted' }, ` – ${t('pageN', question.page + 1)}`),
                ]
              : t('wholeSurvey'),
          ),
          h(
            'ul',
            { class: 'findings' },
            findings.map((f) =>
              h(
                'li',
                { class: `finding ${f.severity}` },
                h('strong', { class: 'severity' }, t(`severity_${f.severity}`)),
                ' ',
                h('span', { class: 'finding-message' }, messageOf(f)),
                ' ',
                pathLink(f.path),
              ),
            ),
          ),
        ),
      ),
    )
  }

  const download = () => {
    // The stored draft as it is: SurveyJS Creator opens it unchanged.
    saveText(`${pretty(state.json)}\n`, `${state.survey.id}.json`, 'application/json;charset=utf-8')
    announce(t('downloaded', `${state.survey.id}.json`))
  }
  const draftForm = h(
    'form',
    { id: 'survey-draft', method: 'post', novalidate: true },
    summary,
    field({ label: t('surveyTitle'), control: title }),
    field({ label: t('surveyJson'), hint: t('surveyJsonHint'), control: textarea }),
    field({ label: t('replaceFromFile'), hint: t('jsonFileHint'), control: fileReader(textarea, announce) }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, t('saveDraft')),
      h('button', { type: 'button', class: 'secondary', onclick: download }, t('downloadJson')),
    ),
  )
  draftForm.addEventListener('submit', (e) =>
    sending(draftForm, e, async () => {
      clearErrors(summary, controls)
      const json = parseField(textarea, summary)
      if (json === null) return
      try {
        const saved = await api.put(`${base}/draft`, { json, title: title.value.trim() || undefined })
        Object.assign(state, { survey: saved.survey, json: saved.json, findings: saved.findings })
        textarea.value = pretty(saved.json)
        showFindings()
        showPublish()
        refreshHeading()
        const { errors, warnings } = counts(saved.findings)
        announce(t('draftSaved', errors, warnings))
        preview.reload()
      } catch (err) {
        // "json.pages[0]..." is the JSON field's own path: the summary selects the value it is about.
        const box = showErrors(summary, err, controls)
        for (const [i, a] of [...box.querySelectorAll('a')].entries()) {
          const path = err.issues?.[i]?.path
          if (path?.startsWith('json.') || path?.startsWith('json['))
            a.addEventListener('click', () => selectPath(path.replace(/^json\.?/, '')))
        }
      }
    }),
  )

  // Preview, publishing, versions.
  const preview = previewPanel(base, () => state.json, announce)
  const publishEl = h('div')
  const versionsEl = h('div')
  const heading = h('h2')
  const facts = h('p', { class: 'survey-facts' })
  function refreshHeading() {
    replace(heading, state.survey.title)
    replace(
      facts,
      h('code', null, state.survey.id),
      ` · ${t(`customerType_${state.survey.customerType}`)} · `,
      state.survey.latestVersion ? t('latestIs', state.survey.latestVersion) : t('notPublished'),
      state.survey.draftUpdatedAt ? ` · ${t('draftSavedAt', dateTime(state.survey.draftUpdatedAt))}` : '',
    )
  }
  function showPublish() {
    replace(publishEl, publishForm(base, state, { announce, after: published, showFindings, selectPath }))
  }
  async function published(result) {
    const [draft, again] = await Promise.all([api.get(`${base}/draft`), api.get(`${base}/versions`)])
    Object.assign(state, { survey: draft.survey, findings: draft.findings, versions: again.versions })
    refreshHeading()
    showFindings()
    showPublish()
    showVersions()
    const h3 = versionsEl.querySelector('h3')
    h3.setAttribute('tabindex', '-1')
    h3.focus()
    announce(t('publishedVersion', result.version))
  }
  function showVersions() {
    replace(versionsEl, versionsTable(state.versions))
  }

  refreshHeading()
  showFindings()
  showPublish()
  showVersions()
  replace(
    el,
    h('p', null, h('a', { href: '#/surveys' }, t('allSurveys'))),
    heading,
    facts,
    h('section', { class: 'survey-workspace' }, h('div', null, h('h3', null, t('draftTitle')), draftForm), findingsEl),
    preview.el,
    h('section', null, h('h3', null, t('publishTitle')), publishEl),
    h('section', null, versionsEl),
  )
  await preview.reload()
}

// ---- Preview: the respondent's page the server renders from the draft ----------------------------

function previewPanel(base, json, announce) {
  const state = { lang: LANGUAGES.some((l) => l.code === currentLanguage()) ? currentLanguage() : 'fi', page: 0 }
  const frame = h('iframe', { class: 'preview-frame', sandbox: '', title: t('previewFrame') })
  const where = h('p', { class: 'preview-where', id: uid('preview-where') })
  const pages = () => Math.max(1, Array.isArray(json()?.pages) ? json().pages.length : 1)
  const langButtons = LANGUAGES.map((l) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        lang: l.code,
        'aria-pressed': String(l.code === state.lang),
        onclick: () => {
          state.lang = l.code
          for (const b of langButtons) b.setAttribute('aria-pressed', String(b.lang === state.lang))
          reload(true)
        },
      },
      l.name,
    ),
  )
  const prev = h('button', { type: 'button', class: 'secondary', onclick: () => turn(-1) }, t('previousPage'))
  const next = h('button', { type: 'button', class: 'secondary', onclick: () => turn(1) }, t('nextPage'))
  const error = h('div')
  function turn(step) {
    state.page = Math.min(pages() - 1, Math.max(0, state.page + step))
    reload(true)
  }
  /** Fetches the page shown; said in the live region only when the reader asked for it (not after a save). */
  async function reload(say = false) {
    state.page = Math.min(state.page, pages() - 1)
    const language = LANGUAGES.find((l) => l.code === state.lang).name
    const text = t('previewWhere', language, state.page + 1, pages())
    replace(where, text)
    frame.setAttribute('title', `${t('previewFrame')}: ${text}`)
    prev.disabled = state.page === 0
    next.disabled = state.page >= pages() - 1
    try {
      const res = await api.get(`${base}/draft/preview?lang=${state.lang}&page=${state.page}`, { raw: true })
      frame.srcdoc = await res.text()
      replace(error)
      if (say) announce(t('previewShown', text))
    } catch (err) {
      replace(error, h('p', { class: 'field-error', role: 'alert' }, errorText(err)))
    }
  }
  const el = h(
    'section',
    { class: 'survey-preview' },
    h('h3', null, t('previewTitle')),
    h('p', null, t('previewLead')),
    h('div', { class: 'actions', role: 'group', 'aria-label': t('previewLanguage') }, langButtons),
    h('div', { class: 'actions', role: 'group', 'aria-labelledby': where.id }, prev, where, next),
    error,
    frame,
  )
  return { el, reload }
}

// ---- Publishing --------------------------------------------------------------------------------

function publishForm(base, state, { announce, after, showFindings, selectPath }) {
  const { errors } = counts(state.findings)
  const next = (state.survey.latestVersion ?? 0) + 1
  const comparableTo = h(
    'select',
    { name: 'comparableTo', 'data-label': t('comparableTo') },
    h('option', { value: '' }, t('newSeries')),
    [...state.versions]
      .sort((a, b) => b.version - a.version)
      .map((v) => h('option', { value: String(v.version) }, t('comparableToN', v.version))),
  )
  const summary = h('div')
  const form = h(
    'form',
    { id: 'publish-survey', class: 'stack', method: 'post', novalidate: true },
    summary,
    h('p', null, errors ? t('publishBlocked', errors) : t('publishLead', next)),
    state.versions.length
      ? field({ label: t('comparableTo'), hint: t('comparableToHint'), control: comparableTo })
      : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('publishAs', next))),
  )
  form.addEventListener('submit', (e) =>
    sending(form, e, async () => {
      clearErrors(summary, { comparableTo })
      const body = comparableTo.value ? { comparableTo: Number(comparableTo.value) } : {}
      try {
        await after(await api.post(`${base}/publish`, body))
      } catch (err) {
        if (err.findings?.length) {
          // Refused for the findings: they are the reason, each linking to where it is in the JSON.
          state.findings = err.findings
          showFindings()
          const blocking = err.findings.filter((f) => f.severity === 'error')
          const textarea = document.getElementById('survey-json')
          const box = errorSummary(
            t('publishRefused', blocking.length),
            blocking.map((f) => ({ text: `${messageOf(f)} (${f.path})`, target: textarea })),
          )
          for (const [i, a] of [...box.querySelectorAll('a')].entries())
            a.addEventListener('click', () => selectPath(blocking[i].path))
          replace(summary, box)
          box.focus()
          announce(t('publishRefused', blocking.length))
        } else showErrors(summary, err, { comparableTo })
      }
    }),
  )
  return form
}

// ---- Versions and the programmes that use them --------------------------------------------------

function versionsTable(versions) {
  const heading = h('h3', null, t('versionsTitle'))
  if (!versions.length) return [heading, h('p', null, t('noVersions'))]
  return [
    heading,
    dataTable({
      caption: t('versionsTable'),
      className: 'survey-versions',
      cards: true,
      columns: [
        { label: t('versionCol') },
        { label: t('series') },
        { label: t('comparableTo') },
        { label: t('publishedAt') },
        { label: t('usedBy') },
      ],
      rows: [...versions]
        .sort((a, b) => b.version - a.version)
        .map((v) => [
          t('versionN', v.version),
          int(v.series),
          v.comparableTo ? t('versionN', v.comparableTo) : t('newSeriesShort'),
          dateTime(v.publishedAt),
          v.usedBy?.length
            ? h(
                'ul',
                { class: 'plain' },
                v.usedBy.map((u) =>
                  h(
                    'li',
                    null,
                    h('a', { href: `#/p/${enc(u.programmeId)}/setup` }, u.name),
                    ` (${t('invitationsN', u.invitations)})`,
                  ),
                ),
              )
            : t('notUsed'),
        ]),
    }),
  ]
}
