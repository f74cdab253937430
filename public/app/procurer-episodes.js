// Episode import by CSV upload: nothing is stored unless every row is valid, and each row's errors are
// listed with the row and line they are on. New episodes come back with their personal survey links.
// The stored episodes, each open link re-issuable (shown once), and invitation-links.csv.
import { ApiError, api, qs } from './api.js'
import { dataTable, errorSummary, field, h, replace, saveText, setFieldError, toCsv } from './dom.js'
import { bareMessage, busy } from './forms.js'
import { date, int, loadTexts, t } from './i18n.js'
import { invitationLinksForm, reissue } from './procurer-links.js'
import { outcomesSection, reportedOutcomesSection } from './procurer-outcomes.js'
import { programmeData } from './procurer-setup.js'
import { errorText } from './shell.js'
import { localised, section, surveys } from './ui.js'

const COLUMNS = [
  'providerId',
  'customerType',
  'externalRef',
  'serviceType',
  'startedOn',
  'endedOn',
  'riskClass',
  'language',
  'email',
  'phone',
]
const PAGE = 100

/** episodes[3].endedOn -> {row: 4, line: 5, field: 'endedOn'} (row 1 is the first data row, line 1 the header). */
export function locate(path) {
  const m = /^episodes\[(\d+)\](?:\.(.+))?$/.exec(path ?? '')
  if (m) {
    const row = Number(m[1]) + 1
    return { row, line: row + 1, field: m[2] ?? '' }
  }
  // A CSV import names the file's line and column: `line 3.email`.
  const l = /^line (\d+)(?:\.(.+))?$/.exec(path ?? '')
  if (!l) return null
  return { row: Number(l[1]) - 1, line: Number(l[1]), field: l[2] ?? '' }
}

/** The message without the place the table already shows (`line 3, column email: `). */
const rowMessage = (issue) => bareMessage(issue).replace(/^line \d+(, column [^:]+)?: /, '')

export async function episodes(_ctx, el, { pid, isCurrent, announce }) {
  await loadTexts('editor')
  const [{ providers }, allSurveys] = await Promise.all([programmeData(pid), surveys().catch(() => [])])
  if (!isCurrent()) return
  const names = new Map(providers.map((p) => [p.id, p.name]))
  // Surveys by their titles in the dashboard's language, with the version (a new wording is a new version).
  const surveyTitles = new Map(allSurveys.map((s) => [s.id, localised(s.definition?.title, s.id)]))
  const surveyName = (i) => `${surveyTitles.get(i.surveyId) ?? i.surveyId}, ${t('version')} ${i.surveyVersion}`

  const file = h('input', { type: 'file', id: 'episodes-file', name: 'file', accept: '.csv,text/csv', required: true })
  const summary = h('div')
  const result = h('div', { id: 'import-result' })
  const form = h(
    'form',
    { class: 'stack', id: 'import-episodes', method: 'post', novalidate: true },
    summary,
    field({ label: t('csvFile'), hint: t('csvFileHint'), control: file }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('importEpisodes'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      replace(summary)
      replace(result)
      setFieldError(file, null)
      const chosen = file.files?.[0]
      if (!chosen) return fail([{ text: t('chooseFile'), target: file }], t('chooseFile'))
      const text = await chosen.text()
      try {
        const answer = await api.post(`/programmes/${encodeURIComponent(pid)}/episodes`, text, { type: 'text/csv' })
        showImported(answer)
        announce(t('imported', answer.created, answer.existing))
        await refreshList()
      } catch (err) {
        showRowErrors(err)
      }
    })
  })

  function fail(items, fieldMessage, title = t('problemTitle')) {
    setFieldError(file, fieldMessage)
    const box = errorSummary(title, items)
    replace(summary, box)
    box.focus()
  }

  function showRowErrors(err) {
    const issues = err instanceof ApiError && err.issues.length ? err.issues : [{ path: '', message: errorText(err) }]
    const rows = issues.map((i) => ({ where: locate(i.path), issue: i }))
    const rowCount = new Set(rows.filter((r) => r.where).map((r) => r.where.row)).size
    const headline =
      err instanceof ApiError && err.status === 409
        ? t('importConflict')
        : rowCount
          ? t('importRowErrors', rowCount)
          : t('importFailed')
    fail(
      rows.map(({ where, issue }) => ({
        text: where
          ? `${t('rowN', where.row, where.line)}${where.field ? `, ${where.field}` : ''}: ${rowMessage(issue)}`
          : issue.message,
        target: file,
      })),
      headline,
      headline,
    )
    replace(
      result,
      dataTable({
        caption: t('rowErrorsTable'),
        className: 'row-errors',
        columns: [
          { label: t('row'), num: true },
          { label: t('csvLine'), num: true },
          { label: t('column') },
          { label: t('problem') },
        ],
        rows: rows.map(({ where, issue }) => [
          where ? String(where.row) : '–',
          where ? String(where.line) : '–',
          where?.field || issue.path || '',
          rowMessage(issue),
        ]),
      }),
    )
  }

  function showImported(answer) {
    const links = answer.episodes.filter((e) => e.invitation?.url)
    const download = () =>
      saveText(
        toCsv(
          ['externalRef', 'language', 'expiresAt', 'url'],
          links.map((e) => [e.externalRef, e.invitation.language, e.invitation.expiresAt, e.invitation.url]),
        ),
        `invitations-${pid}.csv`,
      )
    replace(
      result,
      h('p', { class: 'success' }, t('imported', answer.created, answer.existing)),
      links.length
        ? [
            h('p', null, t('linksLead')),
            h(
              'div',
              { class: 'actions' },
              h('button', { type: 'button', class: 'secondary', onclick: download }, t('downloadLinks')),
            ),
            dataTable({
              caption: t('linksTable', int(links.length)),
              className: 'invitation-links',
              columns: [
                { label: t('externalRef') },
                { label: t('language') },
                { label: t('expires') },
                { label: t('surveyLink') },
              ],
              rows: links.map((e) => [
                e.externalRef,
                e.invitation.language,
                date(e.invitation.expiresAt),
                h('a', { href: e.invitation.url, class: 'survey-link' }, e.invitation.url),
              ]),
            }),
          ]
        : null,
    )
  }

  const template = () => {
    const first = providers[0]?.id ?? 'prv_…'
    saveText(
      toCsv(COLUMNS, [
        [first, 'company', 'REF-0001', 'coaching', '2026-01-10', '2026-02-20', 'A', 'fi', 'owner@example.fi', ''],
      ]),
      'episodes-template.csv',
    )
  }

  // The stored episodes, a page at a time; an open link can be re-issued (the new one shown once, above).
  const reissueHost = h('div', { id: 'reissue-result' })
  const invitationCell = (e) => {
    if (e.status !== 'confirmed' || !e.invitation) return t(`episodeStatus_${e.status}`)
    return t(`invitation_${e.invitation.status}`)
  }
  const reissueButton = (e) =>
    e.invitation?.status === 'open'
      ? h(
          'button',
          {
            type: 'button',
            class: 'secondary reissue',
            'data-episode': e.id,
            onclick: () => reissue(e, reissueHost, announce),
          },
          t('reissue'),
          h('span', { class: 'visually-hidden' }, ` ${e.externalRef}`),
        )
      : ''
  const listHost = h('div')
  let after = null
  let shown = []
  async function refreshList() {
    after = null
    shown = []
    await loadMore()
  }
  async function loadMore() {
    const answer = await api.get(`/programmes/${encodeURIComponent(pid)}/episodes${qs({ limit: PAGE, after })}`)
    shown = shown.concat(answer.episodes)
    after = answer.next
    replace(
      listHost,
      shown.length
        ? dataTable({
            caption: t('episodesTable', int(shown.length)),
            cards: true,
            className: 'episodes',
            columns: [
              { label: t('externalRef') },
              { label: t('provider') },
              { label: t('customerType') },
              { label: t('serviceType') },
              { label: t('ended') },
              { label: t('invitation') },
              { label: t('survey') },
              { label: t('surveyLink') },
            ],
            rows: shown.map((e) => [
              e.externalRef,
              names.get(e.providerId) ?? e.providerId,
              t(`customerType_${e.customerType}`),
              e.serviceType ?? '',
              date(e.endedOn),
              invitationCell(e),
              e.invitation ? surveyName(e.invitation) : '–',
              reissueButton(e),
            ]),
          })
        : h('p', null, t('noEpisodes')),
      after
        ? h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', class: 'secondary', onclick: () => loadMore() }, t('showMore')),
          )
        : null,
    )
  }
  await refreshList()
  if (!isCurrent()) return

  replace(
    el,
    h('h2', null, t('episodesTitle')),
    section(
      t('importTitle'),
      h('p', null, t('importLead')),
      h('p', null, t('csvColumns'), ' ', h('code', null, COLUMNS.join(','))),
      dataTable({
        caption: t('providerIdsTable'),
        columns: [{ label: t('providerName') }, { label: t('providerId') }],
        rows: providers.map((p) => [p.name, h('code', null, p.id)]),
      }),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: template }, t('downloadTemplate')),
      ),
      form,
      result,
    ),
    section(t('storedEpisodesTitle'), h('p', null, t('reissueLead')), reissueHost, listHost),
    outcomesSection(pid, announce),
    reportedOutcomesSection(pid, announce),
    invitationLinksForm(pid, providers, announce),
  )
}
