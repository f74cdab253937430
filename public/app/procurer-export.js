// The response export (responses.csv): every answer of the period shown, with its labels in a chosen
// language, fetched with the key in the header. Every download is in the audit log.
import { download, qs } from './api.js'
import { errorSummary, field, h, replace, uid } from './dom.js'
import { busy } from './forms.js'
import { currentLanguage, LANGUAGES, range, t } from './i18n.js'
import { errorText } from './shell.js'

/** A small form: the labels' language (the page's by default) and the download button, for the period shown. */
export function responsesExportForm(pid, period, announce) {
  const lang = h(
    'select',
    { name: 'lang', id: uid('export-lang'), value: currentLanguage() },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code }, l.name)),
  )
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack responses-export-form', method: 'post', novalidate: true },
    summary,
    field({ label: t('exportLanguage'), control: lang }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('exportResponses'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      replace(summary)
      try {
        const query = qs({ lang: lang.value, from: period.from, to: period.to })
        const name = await download(`/programmes/${encodeURIComponent(pid)}/responses.csv${query}`, 'responses.csv')
        announce(t('downloaded', name))
      } catch (err) {
        const box = errorSummary(t('problemTitle'), [{ text: errorText(err) }])
        replace(summary, box)
        box.focus()
      }
    })
  })
  return h(
    'section',
    { class: 'responses-export-section' },
    h('h3', null, t('exportTitle')),
    h('p', null, t('exportLead', range(period.from, period.to))),
    form,
  )
}
