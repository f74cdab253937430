// Fee rules: every version of the programme's rule, and a JSON editor that sends a new version and
// shows the parser's field errors (paths such as components[0].perClient) next to the editor.
import { api } from './api.js'
import { dataTable, errorSummary, focusAt, h, replace, uid } from './dom.js'
import { bareMessage, busy } from './forms.js'
import { dateTime, loadTexts, money, range, t } from './i18n.js'
import { jsonLocations, locatePath } from './json-paths.js'
import { ruleForm, ruleSentences } from './rule-form.js'
import { errorText } from './shell.js'
import { componentLabel, section } from './ui.js'

export function exampleRule(currency = 'EUR') {
  return {
    currency,
    components: [
      { type: 'base', perClient: 1000 },
      { type: 'result', outcome: 'recruitment', perClient: 500 },
      { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' }, nonResponse: 'zero' },
    ],
  }
}

export const pretty = (value) => JSON.stringify(value, null, 2)

/** A rule in words, for tables: "Result fee EUR 500.00 per client for a recruitment within 92 days; ...". */
export function ruleSummary(rule) {
  return ruleSentences(rule).join('; ')
}

/**
 * A labelled JSON textarea. check() parses it (syntax errors are shown at once, nothing is sent);
 * showIssues([{path, message}]) lists the API's field errors under it and marks it invalid.
 */
export function jsonEditor({ label, value, hint = t('jsonHint'), name = 'rule', id = uid('json') }) {
  const errorsId = `${id}-errors`
  const hintId = `${id}-hint`
  const rows = Math.min(32, Math.max(8, String(value ?? '').split('\n').length + 1))
  const textarea = h('textarea', {
    id,
    name,
    class: 'code',
    rows: String(rows),
    spellcheck: 'false',
    autocapitalize: 'off',
    autocomplete: 'off',
    'aria-describedby': hintId,
    value,
  })
  textarea.dataset.label = label
  const errors = h('div', { id: errorsId, class: 'field-error', hidden: true })
  const el = h(
    'div',
    { class: 'field json-editor' },
    h('label', { for: id }, label),
    h('p', { class: 'hint', id: hintId }, hint),
    errors,
    textarea,
  )
  textarea.dataset.errorId = errorsId

  function showIssues(issues) {
    if (!issues || issues.length === 0) {
      replace(errors)
      errors.hidden = true
      textarea.removeAttribute('aria-invalid')
      textarea.setAttribute('aria-describedby', hintId)
      return
    }
    const where = jsonLocations(textarea.value)
    replace(
      errors,
      h('p', null, t('ruleHasErrors')),
      h(
        'ul',
        null,
        issues.map((i) => {
          const at = i.path ? locatePath(where, i.path) : null
          if (!i.path) return h('li', null, i.message)
          return h(
            'li',
            null,
            h('code', null, i.path),
            at
              ? [
                  ' (',
                  h(
                    'a',
                    {
                      href: `#${id}`,
                      onclick: (e) => {
                        e.preventDefault()
                        focusAt(textarea, [at.start, at.end])
                      },
                    },
                    t('lineN', at.line),
                  ),
                  ')',
                ]
              : null,
            ': ',
            bareMessage(i),
          )
        }),
      ),
    )
    errors.hidden = false
    textarea.setAttribute('aria-invalid', 'true')
    textarea.setAttribute('aria-describedby', `${hintId} ${errorsId}`)
  }

  function check() {
    try {
      const parsed = JSON.parse(textarea.value)
      return { ok: true, value: parsed }
    } catch (err) {
      const message = t('jsonSyntax', err instanceof Error ? err.message : String(err))
      showIssues([{ path: '', message }])
      return { ok: false, message }
    }
  }
  /** Summary items for issues: each links to the editor and selects the value it is about. */
  const items = (issues, prefix = '') => {
    const where = jsonLocations(textarea.value)
    return issues.map((i) => {
      const at = i.path ? locatePath(where, i.path) : null
      return {
        text: `${prefix}${i.message}${at ? ` (${t('lineN', at.line)})` : ''}`,
        target: textarea,
        select: at ? [at.start, at.end] : null,
      }
    })
  }
  return { el, textarea, showIssues, check, items }
}

// ---- Templates: the seed fee models as ready rules, each with a worked example -------------------

let templatesCache = null
/** The templates (public and the same for everyone: fetched once per page); none when the call fails. */
async function feeRuleTemplates() {
  templatesCache ??= api.get('/fee-rule-templates').then(
    (a) => a.templates ?? [],
    () => {
      templatesCache = null
      return []
    },
  )
  return templatesCache
}

/** The templates' own texts are in English (the sources they quote): marked so that a reader says them so. */
const EN = 'en'

function templateList(templates, use) {
  return h(
    'ul',
    { class: 'templates' },
    templates.map((tpl) => {
      const headingId = uid('tpl')
      return h(
        'li',
        { class: 'template', 'data-template': tpl.id },
        h('h4', { id: headingId, lang: EN }, tpl.name),
        h('p', null, h('strong', null, `${t('region')}: `), h('span', { lang: EN }, tpl.region)),
        h('p', { lang: EN }, tpl.summary),
        h('details', null, h('summary', null, t('templateSource')), h('p', { lang: EN, class: 'muted' }, tpl.source)),
        h(
          'button',
          { type: 'button', class: 'secondary', 'aria-describedby': headingId, onclick: () => use(tpl) },
          t('useTemplate'),
        ),
      )
    }),
  )
}

/** The template's worked example: what it computes, step by step, and the expected amounts. */
export function workedExample(tpl) {
  const ex = tpl.example
  const cur = tpl.rule?.currency ?? 'EUR'
  const components = tpl.rule?.components ?? []
  return [
    h('h4', { id: 'template-example-heading' }, t('workedExampleTitle')),
    h('p', null, h('strong', null, `${t('template')}: `), h('span', { lang: EN }, tpl.name)),
    h('p', { lang: EN }, ex.description),
    ex.period ? h('p', null, `${t('period')}: ${range(ex.period.from, ex.period.to)}`) : null,
    h('h5', null, t('walkthroughTitle')),
    h(
      'ol',
      { class: 'walkthrough' },
      ex.walkthrough.map((step) => h('li', { lang: EN }, step)),
    ),
    dataTable({
      caption: t('expectedTitle'),
      className: 'template-expected',
      columns: [{ label: t('component') }, { label: t('amount'), num: true }],
      rows: ex.expected.components.map((amount, i) => [
        components[i] ? componentLabel(components[i], i) : String(i + 1),
        money(amount, cur),
      ]),
      foot: [t('total'), money(ex.expected.total, cur)],
    }),
  ]
}

export async function rules(ctx, el, { pid, isCurrent, announce }) {
  await loadTexts('editor')
  const [programme, { versions }, templates, { providers }] = await Promise.all([
    api.get(`/programmes/${encodeURIComponent(pid)}`),
    api.get(`/programmes/${encodeURIComponent(pid)}/fee-rules`),
    feeRuleTemplates(),
    api.get(`/programmes/${encodeURIComponent(pid)}/providers`).catch(() => ({ providers: [] })),
  ])
  if (!isCurrent()) return
  const latest = versions.at(-1)
  const start = latest ? latest.rule : exampleRule(programme.currency)
  const editor = jsonEditor({
    label: t('ruleJson'),
    id: 'rule-json',
    value: pretty(start),
  })
  // The form and the JSON are two views of one rule: an edit in either shows in the other (the JSON
  // only when it parses).
  const builder = ruleForm({
    currency: programme.currency,
    providers,
    onChange: (rule) => {
      editor.textarea.value = pretty(rule)
      editor.showIssues(null)
    },
  })
  builder.set(start)
  editor.textarea.addEventListener('input', () => {
    try {
      const parsed = JSON.parse(editor.textarea.value)
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) builder.set(parsed)
    } catch {
      // Not JSON yet: the form keeps the last rule that was.
    }
  })
  const jsonBox = h(
    'div',
    { id: 'rule-json-box', hidden: true },
    editor.el,
    h(
      'details',
      null,
      h('summary', null, t('ruleFieldsTitle')),
      h(
        'ul',
        null,
        ['base', 'result', 'quality', 'qualityPool'].map((k) =>
          h('li', null, h('code', null, k), ': ', t(`ruleHelp_${k}`)),
        ),
      ),
    ),
  )
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      id: 'rule-json-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'rule-json-box',
      onclick: () => {
        const open = jsonBox.hidden
        jsonBox.hidden = !open
        toggle.setAttribute('aria-expanded', String(open))
        replace(toggle, t(open ? 'hideJson' : 'showJson'))
        if (open) editor.textarea.focus()
      },
    },
    t('showJson'),
  )
  const setRule = (rule) => {
    editor.textarea.value = pretty(rule)
    editor.showIssues(null)
    builder.clearIssues()
    builder.set(rule)
  }
  const summary = h('div')
  const example = h('aside', { id: 'template-example', class: 'template-example', hidden: true })
  const useTemplate = (tpl) => {
    setRule(tpl.rule)
    replace(summary)
    replace(example, workedExample(tpl))
    example.hidden = false
    ;(jsonBox.hidden ? builder.el.querySelector('input:not([readonly]), select, textarea') : editor.textarea)?.focus()
    announce(t('templateInserted', tpl.name))
  }
  const form = h(
    'form',
    { id: 'fee-rule-form', method: 'post', novalidate: true },
    summary,
    builder.el,
    h('div', { class: 'actions' }, toggle),
    jsonBox,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, t('saveRuleVersion')),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            setRule(exampleRule(programme.currency))
            replace(example)
            example.hidden = true
          },
        },
        t('insertExample'),
      ),
    ),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      replace(summary)
      editor.showIssues(null)
      builder.clearIssues()
      // With the JSON open, what it says is sent (a syntax error stops there); otherwise the form's rule.
      const parsed = jsonBox.hidden ? { ok: true, value: builder.get() } : editor.check()
      const fail = (items) => {
        const box = errorSummary(t('problemTitle'), items)
        replace(summary, box)
        box.focus()
      }
      if (!parsed.ok) return fail([{ text: parsed.message, target: editor.textarea }])
      try {
        const saved = await api.put(`/programmes/${encodeURIComponent(pid)}/fee-rule`, parsed.value)
        await rules(ctx, el, { pid, isCurrent, announce })
        announce(t('ruleSaved', saved.version))
      } catch (err) {
        const issues = err.issues?.length ? err.issues : [{ path: '', message: errorText(err) }]
        editor.showIssues(issues)
        const atFields = builder.showIssues(issues)
        fail(jsonBox.hidden ? atFields.map((it) => ({ ...it, target: it.target ?? toggle })) : editor.items(issues))
      }
    })
  })
  replace(
    el,
    h('h2', null, t('rulesTitle')),
    h('p', { class: 'lead' }, t('rulesLead')),
    section(
      t('ruleVersionsTitle'),
      versions.length
        ? [
            dataTable({
              caption: t('ruleVersionsTable'),
              className: 'rule-versions',
              columns: [{ label: t('version'), num: true }, { label: t('created') }, { label: t('components') }],
              rows: versions.map((v) => [String(v.version), dateTime(v.createdAt), ruleSummary(v.rule)]),
            }),
            versions.map((v) =>
              h('details', null, h('summary', null, t('showRuleJson', v.version)), h('pre', null, pretty(v.rule))),
            ),
          ]
        : h('p', null, t('noRuleYet')),
    ),
    templates.length
      ? section(t('templatesTitle'), h('p', null, t('templatesLead')), templateList(templates, useTemplate))
      : null,
    section(t('newRuleTitle'), h('p', null, t('newRuleLead')), h('div', { class: 'rule-workspace' }, form, example)),
  )
}
