// The fee rule as a form: one group of fields per component (base, result, quality on the client's or the
// provider's answers, quality pool, panel, lump sum) and the rule's own prices and cap, each field
// explained in plain words. The form edits a rule object; get() gives the JSON the API takes and set()
// fills the form from one. showIssues() puts the API's field errors (components[2].scoring.steps[0].minIndex)
// at their fields.
import { field, h, replace, setFieldError, uid } from './dom.js'
import { bareMessage } from './forms.js'
import { money, t } from './i18n.js'

/** Outcome types the programmes record, shown as words; any other lower-case name may be typed. */
export const OUTCOMES = [
  'recruitment',
  'employment',
  'placement',
  'recruitment_plan',
  'training',
  'growth',
  'group_event',
]
export const outcomeWord = (name) => {
  const word = t(`outcome_${name}`)
  return word === `outcome_${name}` ? name : word
}

const CLIENT_MODES = ['linear', 'allTop', 'steps']
const PROVIDER_MODES = ['linear', 'steps', 'achievement', 'valueBased']
export const ADDABLE = ['base', 'result', 'quality:client', 'quality:provider', 'qualityPool', 'panel', 'lumpSum']

export function newComponent(kind) {
  switch (kind) {
    case 'base':
      return { type: 'base' }
    case 'result':
      return { type: 'result', outcome: 'recruitment' }
    case 'quality:client':
      return { type: 'quality', basis: 'client', scoring: { mode: 'linear' }, nonResponse: 'zero' }
    case 'quality:provider':
      return { type: 'quality', basis: 'provider', scoring: { mode: 'linear' } }
    case 'qualityPool':
      return { type: 'qualityPool' }
    case 'panel':
      return { type: 'panel', scale: { min: 1, max: 5 }, scoring: { mode: 'linear' } }
    default:
      return { type: 'lumpSum', outcome: 'growth' }
  }
}

/** ['components', 2, 'scoring'] -> components[2].scoring, as the API writes paths. */
export function formatPath(path) {
  let out = ''
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === '' ? s : `.${s}`
    else out += `[${JSON.stringify(s)}]`
  }
  return out
}

function getAt(obj, path) {
  let v = obj
  for (const s of path) v = v?.[s]
  return v
}

function setAt(obj, path, value) {
  let o = obj
  for (const s of path.slice(0, -1)) {
    if (o[s] === null || typeof o[s] !== 'object') o[s] = {}
    o = o[s]
  }
  const last = path.at(-1)
  if (value === undefined) delete o[last]
  else o[last] = value
}

/** "1 000,50" -> 1000.5; empty -> undefined; anything else is kept as typed so that the API names it. */
export function parseNumber(text) {
  const s = String(text)
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.')
  if (s === '') return undefined
  const n = Number(s)
  return Number.isFinite(n) ? n : String(text).trim()
}

/** "name: 100" per line <-> {name: 100} */
function parseMap(text) {
  const out = {}
  for (const line of String(text).split('\n')) {
    if (!line.trim()) continue
    const at = line.search(/[:=]/)
    const k = (at < 0 ? line : line.slice(0, at)).trim()
    out[k] = at < 0 ? '' : parseNumber(line.slice(at + 1))
  }
  return Object.keys(out).length ? out : undefined
}
const showMap = (m) =>
  m && typeof m === 'object'
    ? Object.entries(m)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')
    : ''

/** The share of a price as words: 0.2 -> "20 %". */
const shareText = (x) => `${Math.round(Number(x) * 10000) / 100} %`

function amountText(c, field, currency) {
  if (c.share !== undefined) return t('ofContractPrice', shareText(c.share))
  if (c.byRiskClass) return t('byRiskClassWords', Object.keys(c.byRiskClass).length)
  return money(c[field], currency)
}

const outcomesText = (o) => [o].flat().filter(Boolean).map(outcomeWord).join(t('orWord'))

/** Whether the component counts non-respondents at the respondents' mean (and so pays for suppression). */
const fillsNonResponse = (c) => c.nonResponse === 'respondentMean' || c.nonResponse === 'providerMean'

/** Whether too few answers are paid at the rest of the programme's mean (losing an answer can then pay). */
const paysFewAtProgrammeMean = (c) => c.fewResponses === 'programmeMean'

/** One component as a sentence: "Result fee EUR 500.00 per client for a recruitment within 92 days". */
export function componentSentence(c, currency) {
  const sentence = componentWords(c, currency)
  if (!c) return sentence
  return [
    sentence,
    fillsNonResponse(c) ? t('sum_fillsNonResponse') : '',
    paysFewAtProgrammeMean(c) ? t('sum_fewAtProgrammeMean') : '',
  ].join('')
}

function componentWords(c, currency) {
  switch (c?.type) {
    case 'base':
      return t('sum_base', amountText(c, 'perClient', currency))
    case 'result':
      return [
        t('sum_result', amountText(c, 'perClient', currency), outcomesText(c.outcome)),
        c.withinDays !== undefined ? t('sum_within', c.withinDays) : '',
        c.minValue !== undefined ? t('sum_minValue', c.minValue) : '',
      ].join('')
    case 'quality':
      return (
        t(
          c.basis === 'provider' ? 'sum_qualityProvider' : 'sum_qualityClient',
          amountText(c, 'perClientMax', currency),
          t(`mode_${c.scoring?.mode}`).toLowerCase(),
        ) + (c.cannotSay === 'lowest' ? t('sum_cannotSayLowest') : '')
      )
    case 'qualityPool':
      return t('sum_qualityPool', money(c.amount, currency), c.threshold)
    case 'panel':
      return t('sum_panel', shareText(c.maxShareOfBase ?? 0))
    case 'lumpSum':
      return t('sum_lumpSum', money(c.amount, currency), outcomesText(c.outcome))
    default:
      return String(c?.type ?? '')
  }
}

/** A rule in words, component by component, with its cap. */
export function ruleSentences(rule) {
  const cur = rule?.currency ?? 'EUR'
  const out = (rule?.components ?? []).map((c) => componentSentence(c, cur))
  if (rule?.capPerClient !== undefined) out.push(t('sum_cap', money(rule.capPerClient, cur)))
  return out
}

/**
 * ruleForm({currency, providers, onChange}) -> {el, get, set, showIssues, clearIssues}
 * onChange(rule) after every edit.
 */
export function ruleForm({ currency, providers = [], onChange = () => {} }) {
  let rule = { currency, components: [] }
  /** path text -> control, for errors */
  let controls = new Map()
  const el = h('div', { class: 'rule-form', id: 'rule-form' })

  const changed = () => onChange(get())

  function bind(path, control, kind = 'text') {
    const key = formatPath(path)
    controls.set(key, control)
    control.dataset.path = key
    const value = getAt(rule, path)
    if (kind === 'map') control.value = showMap(value)
    else if (kind === 'lines') control.value = Array.isArray(value) ? value.join('\n') : ''
    else if (control.tagName === 'SELECT') control.value = value ?? control.value
    else control.value = value === undefined || value === null ? '' : String(value)
    const read = () => {
      const v = control.value
      if (kind === 'number') return parseNumber(v)
      if (kind === 'map') return parseMap(v)
      if (kind === 'lines') {
        const list = v
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean)
        return list.length ? list : undefined
      }
      return v.trim() === '' ? undefined : v.trim()
    }
    control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', () => {
      setAt(rule, path, read())
      if (path[0] === 'prices' && rule.prices) {
        if (path.length > 2 && rule.prices[path[1]] && !Object.keys(rule.prices[path[1]]).length)
          delete rule.prices[path[1]]
        if (!Object.keys(rule.prices).length) delete rule.prices
      }
      changed()
    })
    return control
  }

  const input = (path, kind = 'number', attrs = {}) =>
    bind(
      path,
      h('input', {
        type: 'text',
        inputmode: kind === 'number' ? 'decimal' : null,
        autocomplete: 'off',
        ...attrs,
      }),
      kind,
    )
  const select = (path, options, onPick = null) => {
    const s = h(
      'select',
      null,
      options.map(([value, label]) => h('option', { value }, label)),
    )
    bind(path, s, 'text')
    if (onPick) s.addEventListener('change', onPick)
    return s
  }
  const area = (path, kind) => bind(path, h('textarea', { rows: '3', spellcheck: 'false' }), kind)
  const f = (label, hint, control) => {
    control.dataset.label = label
    return field({ label, hint, control })
  }

  function outcomeFields(path, legend) {
    const chosen = () => [getAt(rule, path)].flat().filter(Boolean)
    const known = OUTCOMES.map((name) => {
      const box = h('input', { type: 'checkbox', id: uid('oc'), value: name, checked: chosen().includes(name) })
      box.addEventListener('change', () => {
        const now = chosen().filter((x) => x !== name)
        if (box.checked) now.push(name)
        setAt(rule, path, now.length === 1 ? now[0] : now.length ? now : undefined)
        changed()
      })
      return h('div', { class: 'choice' }, box, h('label', { for: box.id }, outcomeWord(name)))
    })
    const other = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' })
    other.value = chosen()
      .filter((x) => !OUTCOMES.includes(x))
      .join(', ')
    other.addEventListener('input', () => {
      const mine = chosen().filter((x) => OUTCOMES.includes(x))
      const typed = other.value
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
      const all = [...mine, ...typed]
      setAt(rule, path, all.length === 1 ? all[0] : all.length ? all : undefined)
      changed()
    })
    controls.set(formatPath(path), other)
    return [
      h('fieldset', { class: 'choices' }, h('legend', null, legend), known),
      f(t('otherOutcomes'), t('otherOutcomesHint'), other),
    ]
  }

  function stepsFields(path) {
    const steps = getAt(rule, path) ?? []
    return h(
      'fieldset',
      { class: 'plain steps' },
      h('legend', null, t('stepsLegend')),
      h('p', { class: 'hint' }, t('stepsHint')),
      steps.map((_, k) =>
        h(
          'div',
          { class: 'fields-inline step' },
          f(t('stepMinIndex', k + 1), null, input([...path, k, 'minIndex'])),
          f(t('stepShare', k + 1), t('shareHint'), input([...path, k, 'share'])),
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onclick: () => {
                  steps.splice(k, 1)
                  render()
                  changed()
                },
              },
              t('removeStep', k + 1),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              setAt(rule, path, [...steps, {}])
              render()
              changed()
            },
          },
          t('addStep'),
        ),
      ),
    )
  }

  function priceFields(base, amountField, amountLabel, amountHint) {
    return h(
      'div',
      { class: 'fields-inline' },
      f(amountLabel, amountHint, input([...base, amountField])),
      f(t('f_share'), t('f_shareHint'), input([...base, 'share'])),
    )
  }

  function componentFields(c, i) {
    const base = ['components', i]
    const whenOptions = (withOutcome) => [
      ...(withOutcome ? [['outcome', t('when_outcome')]] : []),
      ['end', t('when_end')],
      ['start', t('when_start')],
    ]
    const whenField = (withOutcome = false) =>
      f(t('f_when'), t('f_whenHint'), select([...base, 'when'], whenOptions(withOutcome)))
    // The first option of each is the API's default, shown when the rule leaves the field out.
    const providerNonResponse = () =>
      f(
        t('f_providerNonResponse'),
        t('f_providerNonResponseHint'),
        select(
          [...base, 'nonResponse'],
          [
            ['zero', t('providerNonResponse_zero')],
            ['respondentMean', t('nonResponse_respondentMean')],
          ],
        ),
      )
    const providerIndexFields = () => [
      providerNonResponse(),
      h(
        'div',
        { class: 'fields-inline' },
        f(t('f_feeMinResponses'), t('f_feeMinResponsesHint'), input([...base, 'minResponses'])),
        f(
          t('f_fewResponses'),
          t('f_fewResponsesHint'),
          select(
            [...base, 'fewResponses'],
            [
              ['zero', t('fewResponses_zero')],
              ['programmeMean', t('fewResponses_programmeMean')],
            ],
          ),
        ),
      ),
      f(
        t('f_index'),
        t('f_indexHint'),
        select(
          [...base, 'index'],
          [
            ['shrunk', t('index_shrunk')],
            ['raw', t('index_raw')],
            ['adjusted', t('index_adjusted')],
          ],
        ),
      ),
    ]
    switch (c.type) {
      case 'base':
        return [priceFields(base, 'perClient', t('f_perClient'), t('f_perClientBaseHint')), whenField()]
      case 'result':
        return [
          outcomeFields([...base, 'outcome'], t('f_outcome')),
          priceFields(base, 'perClient', t('f_perClient'), t('f_perClientResultHint')),
          h(
            'div',
            { class: 'fields-inline' },
            f(t('f_withinDays'), t('f_withinDaysHint'), input([...base, 'withinDays'])),
            f(t('f_minValue'), t('f_minValueHint'), input([...base, 'minValue'])),
          ),
          f(t('f_byRiskClass'), t('f_byRiskClassHint'), area([...base, 'byRiskClass'], 'map')),
          whenField(true),
        ]
      case 'quality': {
        const client = c.basis !== 'provider'
        const mode = c.scoring?.mode ?? 'linear'
        const modes = client ? CLIENT_MODES : PROVIDER_MODES
        const scoringPath = [...base, 'scoring']
        const modeSelect = h(
          'select',
          null,
          modes.map((m) => h('option', { value: m }, t(`mode_${m}`))),
        )
        modeSelect.value = modes.includes(mode) ? mode : modes[0]
        modeSelect.addEventListener('change', () => {
          const m = modeSelect.value
          const next = { mode: m }
          if (m === 'steps')
            next.steps = [
              { minIndex: 80, share: 1 },
              { minIndex: 60, share: 0.5 },
            ]
          if (m === 'achievement') Object.assign(next, { threshold: 50, benchmark: 90 })
          if (m === 'valueBased') next.baseline = { from: '', to: '' }
          setAt(rule, scoringPath, next)
          render()
          changed()
        })
        controls.set(formatPath([...scoringPath, 'mode']), modeSelect)
        controls.set(formatPath(scoringPath), modeSelect)
        const modeHelp = h('p', { class: 'hint' }, t(`modeHelp_${modeSelect.value}`))
        return [
          h('p', null, t(client ? 'qualityClientLead' : 'qualityProviderLead')),
          priceFields(base, 'perClientMax', t('f_perClientMax'), t('f_perClientMaxHint')),
          f(t('f_mode'), null, modeSelect),
          modeHelp,
          mode === 'steps' ? stepsFields([...scoringPath, 'steps']) : null,
          mode === 'achievement'
            ? h(
                'div',
                { class: 'fields-inline' },
                f(t('f_threshold'), t('f_thresholdHint'), input([...scoringPath, 'threshold'])),
                f(t('f_benchmark'), t('f_benchmarkHint'), input([...scoringPath, 'benchmark'])),
              )
            : null,
          mode === 'valueBased'
            ? h(
                'div',
                { class: 'fields-inline' },
                f(t('f_baselineFrom'), t('dateHintShort'), input([...scoringPath, 'baseline', 'from'], 'text')),
                f(t('f_baselineTo'), t('dateHintShort'), input([...scoringPath, 'baseline', 'to'], 'text')),
              )
            : null,
          client && mode !== 'linear'
            ? f(t('f_items'), t('f_itemsHint'), area([...scoringPath, 'items'], 'lines'))
            : null,
          client
            ? f(
                t('f_nonResponse'),
                t('f_nonResponseHint'),
                select(
                  [...base, 'nonResponse'],
                  [
                    ['zero', t('nonResponse_zero')],
                    ['providerMean', t('nonResponse_providerMean')],
                  ],
                ),
              )
            : null,
          f(
            t('f_cannotSay'),
            t('f_cannotSayHint'),
            select(
              [...base, 'cannotSay'],
              [
                ['exclude', t('cannotSay_exclude')],
                ['lowest', t('cannotSay_lowest')],
              ],
            ),
          ),
          client ? null : providerIndexFields(),
          f(t('f_minResponseRate'), t('f_minResponseRateHint'), input([...base, 'minResponseRate'])),
          client ? whenField() : null,
        ]
      }
      case 'qualityPool':
        return [
          f(t('f_poolAmount'), t('f_poolAmountHint'), input([...base, 'amount'])),
          h(
            'div',
            { class: 'fields-inline' },
            f(t('f_threshold'), t('f_poolThresholdHint'), input([...base, 'threshold'])),
            f(t('f_minResponses'), t('f_minResponsesHint'), input([...base, 'minResponses'])),
            f(t('f_minResponseRate'), t('f_minResponseRateHint'), input([...base, 'minResponseRate'])),
          ),
          providerNonResponse(),
        ]
      case 'panel':
        return [
          f(t('f_maxShareOfBase'), t('f_maxShareOfBaseHint'), input([...base, 'maxShareOfBase'])),
          h(
            'div',
            { class: 'fields-inline' },
            f(t('f_scaleMin'), t('f_scaleHint'), input([...base, 'scale', 'min'])),
            f(t('f_scaleMax'), t('f_scaleHint'), input([...base, 'scale', 'max'])),
          ),
        ]
      case 'lumpSum':
        return [
          outcomeFields([...base, 'outcome'], t('f_providerOutcome')),
          f(t('f_lumpAmount'), t('f_lumpAmountHint'), input([...base, 'amount'])),
        ]
      default:
        return h('p', null, t('unknownComponent', String(c.type)))
    }
  }

  const kindOf = (c) => (c.type === 'quality' ? `quality:${c.basis === 'provider' ? 'provider' : 'client'}` : c.type)

  function render() {
    controls = new Map()
    const components = Array.isArray(rule.components) ? rule.components : []
    const addSelect = h(
      'select',
      { id: 'add-component-type' },
      ADDABLE.map((k) => h('option', { value: k }, t(`kind_${k}`))),
    )
    controls.set('components', addSelect)
    const cards = components.map((c, i) => {
      const headingId = uid('component')
      const fs = h(
        'fieldset',
        { class: 'component-form', 'data-component': String(i) },
        h('legend', { id: headingId }, t('componentN', i + 1, t(`kind_${kindOf(c)}`))),
        h('p', { class: 'hint' }, t(`kindHelp_${kindOf(c)}`)),
        componentFields(c, i),
        h(
          'details',
          null,
          h('summary', null, t('ledgerKeySummary')),
          f(t('f_key'), t('f_keyHint'), input(['components', i, 'key'], 'text')),
        ),
        h(
          'div',
          { class: 'actions' },
          i > 0
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  'aria-describedby': headingId,
                  onclick: () => {
                    components.splice(i - 1, 0, components.splice(i, 1)[0])
                    render()
                    changed()
                  },
                },
                t('moveUp'),
              )
            : null,
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-describedby': headingId,
              onclick: () => {
                components.splice(i, 1)
                render()
                changed()
                addSelect.focus()
              },
            },
            t('removeComponent'),
          ),
        ),
      )
      controls.set(formatPath(['components', i]), fs.querySelector('input, select, textarea') ?? addSelect)
      return fs
    })
    const currencyInput = input(['currency'], 'text', { maxlength: '3', readonly: true })
    replace(
      el,
      h(
        'fieldset',
        { class: 'plain rule-level' },
        h('legend', null, t('ruleLevelLegend')),
        h(
          'div',
          { class: 'fields-inline' },
          f(t('currency'), t('ruleCurrencyHint'), currencyInput),
          f(t('f_capPerClient'), t('f_capPerClientHint'), input(['capPerClient'])),
        ),
        h(
          'details',
          { open: rule.prices ? true : null },
          h('summary', null, t('pricesSummary')),
          h('p', { class: 'hint' }, t('pricesLead')),
          f(t('f_priceDefault'), t('f_priceDefaultHint'), input(['prices', 'default'])),
          f(t('f_priceByServiceType'), t('f_priceByServiceTypeHint'), area(['prices', 'byServiceType'], 'map')),
          providers.length
            ? h(
                'div',
                { class: 'fields-inline' },
                providers.map((p) => f(t('f_priceForProvider', p.name), null, input(['prices', 'byProvider', p.id]))),
              )
            : null,
        ),
      ),
      h('h4', null, t('componentsHeading', cards.length)),
      cards.length ? cards : h('p', null, t('noComponentsYet')),
      h(
        'div',
        { class: 'add-component' },
        field({ label: t('addComponentLabel'), control: addSelect }),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              id: 'add-component',
              onclick: () => {
                if (!Array.isArray(rule.components)) rule.components = []
                rule.components.push(newComponent(addSelect.value))
                render()
                changed()
                const added = el.querySelectorAll('fieldset.component-form')
                added[added.length - 1]?.querySelector('input, select, textarea')?.focus()
              },
            },
            t('addComponent'),
          ),
        ),
      ),
    )
  }

  function get() {
    return structuredClone(rule)
  }
  function set(next) {
    rule = next && typeof next === 'object' && !Array.isArray(next) ? structuredClone(next) : { currency }
    render()
  }
  /** The control an API path belongs to: its own, or that of the nearest enclosing value. */
  function controlFor(path) {
    let p = path ?? ''
    while (p) {
      if (controls.has(p)) return controls.get(p)
      const shorter = p.replace(/(\.[A-Za-z_$][\w$]*|\[[^\]]*\])$/, '')
      if (shorter === p) break
      p = shorter
    }
    return null
  }
  function clearIssues() {
    for (const c of controls.values()) if (c.dataset.errorId) setFieldError(c, null)
  }
  /** Puts each issue at its field; returns summary items [{text, target}] (target null when no field has it). */
  function showIssues(issues) {
    clearIssues()
    const byControl = new Map()
    const items = issues.map((issue) => {
      const control = issue.path ? controlFor(issue.path) : null
      const text = bareMessage(issue)
      if (control) byControl.set(control, [...(byControl.get(control) ?? []), text])
      return { text: control ? `${control.dataset.label ?? issue.path}: ${text}` : issue.message, target: control }
    })
    for (const [control, texts] of byControl) if (control.dataset.errorId) setFieldError(control, texts.join(' '))
    return items
  }
  render()
  return { el, get, set, showIssues, clearIssues, kindOf }
}
