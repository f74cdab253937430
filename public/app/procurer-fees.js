// Fee runs (run, view, download both CSVs, finalise) and the simulation of candidate rules on one period.
import { ApiError, api, download } from './api.js'
import { chartFigure, paletteColor } from './charts.js'
import { dataTable, errorSummary, field, h, replace, setFieldError } from './dom.js'
import { bareMessage, busy } from './forms.js'
import { dateTime, int, loadTexts, money, num, pct, range, t } from './i18n.js'
import { exampleRule, jsonEditor, pretty } from './procurer-rules.js'
import { errorText } from './shell.js'
import { componentLabel, confidenceText, lastYear, maybe, section, suppressionNotes } from './ui.js'

const enc = encodeURIComponent
/** Money with a breakable space between the amount and the currency code (fi 1 234,50 EUR, en EUR 1,234.50). */
const breakableCode = (text) => text.replace(/(?<=[A-Z]{3})[\u00a0\u202f]|[\u00a0\u202f](?=[A-Z]{3})/, ' ')
/** Decimal amounts added as integer cents, so a column total is exact. */
const centsSum = (amounts) => amounts.reduce((n, a) => n + Math.round(Number(a ?? 0) * 100), 0)

function dateFields(period) {
  const from = h('input', { type: 'date', name: 'from', value: period.from, required: true, 'data-label': t('from') })
  const to = h('input', { type: 'date', name: 'to', value: period.to, required: true, 'data-label': t('to') })
  return {
    from,
    to,
    el: h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('from'), control: from }),
      field({ label: t('to'), control: to }),
    ),
  }
}

/** The optional budget of a run or simulation: empty means none. */
function budgetField(value = '') {
  const input = h('input', {
    type: 'number',
    name: 'budget',
    min: '0',
    step: '0.01',
    inputmode: 'decimal',
    value,
    'data-label': t('budget'),
  })
  return {
    input,
    el: field({ label: t('budgetOptional'), hint: t('budgetHint'), control: input }),
    value: () => (input.value.trim() === '' ? undefined : Number(input.value)),
  }
}

function fail(summary, items) {
  const box = errorSummary(t('problemTitle'), items)
  replace(summary, box)
  box.focus()
}

/** Issues on from/to (and budget) go to those fields; the rest are listed. */
function periodIssues(err, dates, budget = null) {
  const issues = err instanceof ApiError && err.issues.length ? err.issues : [{ path: '', message: errorText(err) }]
  return issues.map((i) => {
    const target = i.path === 'from' ? dates.from : i.path === 'to' ? dates.to : i.path === 'budget' ? budget : null
    if (target) setFieldError(target, bareMessage(i))
    return { text: i.message, target }
  })
}

// ---- Fee runs -------------------------------------------------------------------------------

export async function runs(ctx, el, { pid, runId, isCurrent, announce }) {
  const base = `/programmes/${enc(pid)}`
  const [{ runs: list }, { versions }] = await Promise.all([
    api.get(`${base}/fee-runs`),
    api.get(`${base}/fee-rules`),
    loadTexts('fees'),
  ])
  if (!isCurrent()) return
  const last = list[0]?.period ?? lastYear()
  const dates = dateFields(last)
  const version = h(
    'select',
    { name: 'ruleVersion', 'data-label': t('ruleVersion') },
    versions
      .slice()
      .reverse()
      .map((v, i) =>
        h(
          'option',
          { value: String(v.version) },
          i === 0 ? t('ruleVersionLatest', v.version) : t('ruleVersionN', v.version),
        ),
      ),
  )
  const budget = budgetField()
  const summary = h('div')
  const form = h(
    'form',
    { class: 'stack', id: 'run-fees', method: 'post', novalidate: true },
    summary,
    dates.el,
    field({ label: t('ruleVersion'), control: version }),
    budget.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', disabled: versions.length === 0 }, t('runFees'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      replace(summary)
      setFieldError(dates.from, null)
      setFieldError(dates.to, null)
      setFieldError(budget.input, null)
      try {
        const run = await api.post(`${base}/fee-runs`, {
          from: dates.from.value,
          to: dates.to.value,
          ruleVersion: Number(version.value),
          budget: budget.value(),
        })
        announce(t('runDone'))
        location.hash = `#/p/${enc(pid)}/runs/${enc(run.id)}`
      } catch (err) {
        fail(summary, periodIssues(err, dates, budget.input))
      }
    })
  })
  const detail = h('div', { id: 'run-detail' })
  replace(
    el,
    h('h2', null, t('runsTitle')),
    h('p', { class: 'lead' }, t('runsLead')),
    section(t('newRunTitle'), versions.length ? null : h('p', { class: 'notice' }, t('needRule')), form),
    section(
      t('runsListTitle'),
      list.length
        ? dataTable({
            caption: t('runsTable'),
            cards: true,
            className: 'runs',
            columns: [
              { label: t('period') },
              { label: t('status') },
              { label: t('ruleVersion'), num: true },
              { label: t('payable'), num: true },
              { label: t('created') },
              { label: t('statement') },
            ],
            rows: list.map((r) => [
              range(r.period.from, r.period.to),
              t(`runStatus_${r.status}`),
              int(r.ruleVersion),
              money(r.total, r.currency),
              dateTime(r.createdAt),
              h(
                'a',
                { href: `#/p/${enc(pid)}/runs/${enc(r.id)}`, 'aria-current': r.id === runId ? 'page' : null },
                t('showStatementFor', range(r.period.from, r.period.to)),
              ),
            ]),
          })
        : h('p', null, t('noRuns')),
    ),
    detail,
  )
  if (runId)
    await runDetail(detail, pid, runId, {
      isCurrent,
      announce,
      rerender: () => runs(ctx, el, { pid, runId, isCurrent, announce }),
    })
}

/** The lines most at risk of misclassification, least sure first; as cards on a narrow screen. */
function atRiskBlock(run) {
  const cur = run.currency
  const rows = run.atRisk ?? []
  return h(
    'section',
    { id: 'at-risk', 'aria-labelledby': 'at-risk-heading' },
    h('h4', { id: 'at-risk-heading' }, t('atRiskTitle')),
    h('p', null, t('atRiskExplained')),
    rows.length === 0
      ? h('p', { class: 'muted' }, t('atRiskNone'))
      : dataTable({
          caption: t('atRiskTable', int(rows.length)),
          className: 'at-risk',
          cards: true,
          columns: [
            { label: t('provider') },
            { label: t('component') },
            { label: t('atRiskIndex'), num: true },
            { label: t('threshold'), num: true },
            { label: t('confidence') },
            { label: t('owed'), num: true },
            { label: t('expectedOwed'), num: true },
          ],
          rows: rows.map((l) => [
            l.name,
            componentLabel({ type: l.type }, l.component),
            maybe(l.qualityIndex),
            num(l.threshold),
            confidenceText(l),
            money(l.amount, cur),
            money(l.expectedAmount, cur),
          ]),
        }),
  )
}

async function runDetail(host, pid, runId, { isCurrent, announce, rerender }) {
  const [run] = await Promise.all([api.get(`/fee-runs/${enc(runId)}`), loadTexts('fees')])
  if (!isCurrent()) return
  const cur = run.currency
  const components = run.providers[0]?.components ?? []
  const dl = (file) => async () => {
    try {
      const name = await download(`/fee-runs/${enc(run.id)}/${file}`, file)
      announce(t('downloaded', name))
    } catch (err) {
      announce(errorText(err))
    }
  }
  const linesHost = h('div')
  const showLines = async () => {
    const withLines = await api.get(`/fee-runs/${enc(run.id)}?lines=true`)
    replace(
      linesHost,
      withLines.providers.map((p) =>
        dataTable({
          caption: t('linesOf', p.name, int(p.lines?.length ?? 0)),
          cards: true,
          columns: [
            { label: t('externalRef') },
            { label: t('component') },
            { label: t('owed'), num: true },
            { label: t('paidBefore'), num: true },
            { label: t('payable'), num: true },
            { label: t('reason') },
            { label: t('confidence') },
          ],
          rows: (p.lines ?? []).map((l) => [
            l.externalRef ?? t('wholeProvider'),
            componentLabel({ type: l.type }, l.component),
            money(l.amount, cur),
            money(l.paidBefore, cur),
            money(l.payable, cur),
            l.reason,
            confidenceText(l),
          ]),
        }),
      ),
    )
    linesHost.querySelector('[role=region]')?.focus()
  }
  const problem = h('div', { id: 'finalise-problem' })
  const computeAgain = async (button) => {
    button.disabled = true
    try {
      const again = await api.post(`/programmes/${enc(pid)}/fee-runs`, {
        from: run.period.from,
        to: run.period.to,
        ruleVersion: run.ruleVersion,
        budget: run.budget ? Number(run.budget.budget) : undefined,
      })
      announce(t('runDone'))
      location.hash = `#/p/${enc(pid)}/runs/${enc(again.id)}`
    } catch (err) {
      button.disabled = false
      replace(problem, h('p', { class: 'error-summary', role: 'alert' }, errorText(err)))
    }
  }
  const finalise = async () => {
    if (!window.confirm(t('confirmFinalise'))) return
    replace(problem)
    try {
      await api.post(`/fee-runs/${enc(run.id)}/finalise`, {})
      await rerender()
      announce(t('finalised'))
    } catch (err) {
      const stale = err instanceof ApiError && err.status === 409 && /^Stale draft/.test(err.message)
      const box = h(
        'div',
        { class: 'error-summary', role: 'alert', tabindex: '-1' },
        h('p', { class: 'summary-title' }, stale ? t('staleDraftTitle') : t('notFinalised')),
        h('p', null, stale ? t('staleDraft') : errorText(err)),
        stale
          ? h(
              'button',
              { type: 'button', id: 'compute-again', onclick: (e) => computeAgain(e.currentTarget) },
              t('computeAgain'),
            )
          : null,
      )
      replace(problem, box)
      box.focus()
    }
  }
  // A total of a million or more still fits 1280 px: the currency code may take a line of its own.
  const statementMoney = (amount) => breakableCode(money(amount, cur))
  const facts = [
    [t('status'), t(`runStatus_${run.status}`)],
    [t('ruleVersion'), int(run.ruleVersion)],
    [
      t('surveyVersions'),
      (run.surveyVersions ?? [])
        .map((s) => (typeof s === 'string' ? s : `${s.surveyId ?? s.id} v${s.surveyVersion ?? s.version}`))
        .join(', ') || '–',
    ],
    [t('inputsHash'), h('code', null, run.inputsHash ?? '–')],
    [t('created'), dateTime(run.createdAt)],
    run.finalisedAt ? [t('finalisedAt'), dateTime(run.finalisedAt)] : null,
    [t('owed'), money(run.owed ?? run.total, cur)],
    run.expectedOwed != null ? [t('expectedOwed'), money(run.expectedOwed, cur)] : null,
    [t('paidBefore'), money(run.paidBefore ?? 0, cur)],
    [t('payable'), money(run.total, cur)],
    ...(run.budget
      ? [
          [t('budget'), money(run.budget.budget, cur)],
          [t('budgetBase'), money(run.budget.base, cur)],
          [
            t('budgetOther'),
            t('budgetScaled', money(run.budget.otherBeforeScaling, cur), money(run.budget.otherAfterScaling, cur)),
          ],
          [t('budgetFactor'), num(run.budget.factor, 6)],
        ]
      : []),
    [t('unallocated'), money(run.unallocated, cur)],
  ].filter(Boolean)
  replace(
    host,
    h('h3', { id: 'statement-heading' }, t('statementFor', range(run.period.from, run.period.to))),
    dataTable({
      caption: t('runFacts'),
      className: 'run-facts',
      columns: [{ label: t('setting') }, { label: t('value') }],
      rows: facts,
    }),
    h('p', { id: 'paid-before-explained' }, t('paidBeforeExplained')),
    run.budget ? h('p', { id: 'budget-explained' }, t('budgetExplained', num(run.budget.factor, 6))) : null,
    // Two tables so both fit 1280 px: the answers behind the money and the money by provider, then the mean
    // the quality components rest on and what each component owed (a column per component would push owed,
    // paid before and payable off screen).
    dataTable({
      caption: t('statementTable'),
      cards: true,
      className: 'statement',
      columns: [
        { label: t('provider') },
        { label: t('clients'), num: true },
        { label: t('responses'), num: true },
        { label: t('responseRate'), num: true },
        { label: t('owed'), num: true },
        { label: t('expectedOwed'), num: true },
        { label: t('paidBefore'), num: true },
        { label: t('payable'), num: true },
      ],
      rows: run.providers.map((p) => [
        p.name,
        int(p.clients),
        int(p.responses),
        pct(p.responseRate),
        statementMoney(p.owed ?? p.total),
        statementMoney(p.expectedOwed),
        statementMoney(p.paidBefore ?? 0),
        statementMoney(p.total),
      ]),
      foot: [
        t('total'),
        '',
        '',
        '',
        statementMoney(run.owed ?? run.total),
        statementMoney(run.expectedOwed),
        statementMoney(run.paidBefore ?? 0),
        statementMoney(run.total),
      ],
    }),
    dataTable({
      caption: t('owedByComponent'),
      cards: true,
      className: 'statement-components',
      columns: [
        { label: t('provider') },
        { label: t('answersMean'), num: true },
        ...components.map((c, i) => ({ label: componentLabel(c, i), num: true })),
        { label: t('owed'), num: true },
      ],
      rows: run.providers.map((p) => [
        p.name,
        maybe(p.qualityIndex),
        ...p.components.map((c) => statementMoney(c.amount)),
        statementMoney(p.owed ?? p.total),
      ]),
      foot: [
        t('total'),
        '',
        ...components.map((_, i) => statementMoney(centsSum(run.providers.map((p) => p.components[i]?.amount)) / 100)),
        statementMoney(run.owed ?? run.total),
      ],
    }),
    h('p', { class: 'muted', id: 'answers-mean-explained' }, t('answersMeanExplained')),
    atRiskBlock(run),
    suppressionNotes(run.providers, cur),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'secondary', id: 'download-statement', onclick: dl('statement.csv') },
        t('downloadStatement'),
      ),
      h(
        'button',
        { type: 'button', class: 'secondary', id: 'download-lines', onclick: dl('lines.csv') },
        t('downloadLines'),
      ),
      h('button', { type: 'button', class: 'secondary', onclick: showLines }, t('showLines')),
      run.status === 'draft'
        ? h('button', { type: 'button', class: 'warning', onclick: finalise }, t('finalise'))
        : null,
    ),
    problem,
    linesHost,
  )
}

// ---- Simulation ------------------------------------------------------------------------------

/** A second candidate to start from: the same rule with a larger quality share. */
function variant(rule) {
  const copy = JSON.parse(JSON.stringify(rule))
  for (const c of copy.components ?? []) {
    if (c.type === 'base' && typeof c.perClient === 'number') c.perClient = Math.round(c.perClient * 0.8 * 100) / 100
    if (c.type === 'quality' && typeof c.perClientMax === 'number')
      c.perClientMax = Math.round(c.perClientMax * 1.5 * 100) / 100
  }
  return copy
}

const MAX_RULES = 6
const simState = new Map()

export async function simulate(_ctx, el, { pid, isCurrent, announce }) {
  const base = `/programmes/${enc(pid)}`
  const [programme, { runs: list }] = await Promise.all([api.get(base), api.get(`${base}/fee-runs`), loadTexts('fees')])
  if (!isCurrent()) return
  const start = programme.feeRule?.rule ?? exampleRule(programme.currency)
  const state = simState.get(pid) ?? {
    period: list[0]?.period ?? lastYear(),
    budget: '',
    texts: [pretty(start), pretty(variant(start))],
  }
  simState.set(pid, state)

  const dates = dateFields(state.period)
  const budget = budgetField(state.budget)
  budget.input.addEventListener('input', () => (state.budget = budget.input.value))
  const editorsHost = h('div')
  let editors = []
  const drawEditors = () => {
    editors = state.texts.map((text, i) =>
      jsonEditor({
        label: t('candidateRule', i + 1),
        id: `rule-${i + 1}`,
        value: text,
        name: `rule-${i + 1}`,
        hint: i === 0 ? t('candidateFirstHint') : t('jsonHint'),
      }),
    )
    editors.forEach((ed, i) => {
      ed.textarea.addEventListener('input', () => (state.texts[i] = ed.textarea.value))
    })
    replace(
      editorsHost,
      editors.map((ed, i) =>
        h(
          'div',
          { class: 'candidate' },
          ed.el,
          state.texts.length > 2
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => {
                    state.texts.splice(i, 1)
                    drawEditors()
                    editors[Math.max(0, i - 1)].textarea.focus()
                  },
                },
                t('removeRule', i + 1),
              )
            : null,
        ),
      ),
    )
  }
  drawEditors()
  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        if (state.texts.length >= MAX_RULES) return announce(t('maxRules', MAX_RULES))
        state.texts.push(pretty(start))
        drawEditors()
        editors.at(-1).textarea.focus()
      },
    },
    t('addRule'),
  )
  const summary = h('div')
  const result = h('div', { id: 'simulation-result' })
  const form = h(
    'form',
    { id: 'simulation-form', method: 'post', novalidate: true },
    summary,
    h('fieldset', { class: 'plain' }, h('legend', null, t('period')), dates.el),
    budget.el,
    editorsHost,
    h('div', { class: 'actions' }, addButton, h('button', { type: 'submit' }, t('compareRules'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      replace(summary)
      setFieldError(dates.from, null)
      setFieldError(dates.to, null)
      setFieldError(budget.input, null)
      for (const ed of editors) ed.showIssues(null)
      state.period = { from: dates.from.value, to: dates.to.value }
      const parsed = editors.map((ed) => ed.check())
      const bad = parsed.flatMap((p, i) =>
        p.ok ? [] : [{ text: `${t('candidateRule', i + 1)}: ${p.message}`, target: editors[i].textarea }],
      )
      if (bad.length) return fail(summary, bad)
      try {
        const answer = await api.post(`${base}/fee-simulations`, {
          ...state.period,
          budget: budget.value(),
          rules: parsed.map((p) => p.value),
        })
        showResult(answer)
        announce(t('simulationDone'))
      } catch (err) {
        const issues =
          err instanceof ApiError && err.issues.length ? err.issues : [{ path: '', message: errorText(err) }]
        const perRule = new Map()
        const items = issues.map((i) => {
          const m = /^rules\[(\d+)\](?:\.(.*))?$/.exec(i.path ?? '')
          if (m && editors[Number(m[1])]) {
            const k = Number(m[1])
            const issue = { path: m[2] ?? '', message: i.message.replace(/^rules\[\d+\](\.|: )?/, '') }
            perRule.set(k, [...(perRule.get(k) ?? []), issue])
            return editors[k].items([issue], `${t('candidateRule', k + 1)}: `)[0]
          }
          return periodIssues(Object.assign(new ApiError(422, null), { issues: [i] }), dates, budget.input)[0]
        })
        for (const [k, list] of perRule) editors[k].showIssues(list)
        fail(summary, items)
      }
    })
  })

  function showResult(answer) {
    const n = answer.rules.length
    const cur = answer.currency
    const ruleCols = answer.rules.map((_, i) => ({ label: t('amountUnder', i + 1), num: true }))
    const diffCols = answer.rules.slice(1).map((_, i) => ({ label: t('differenceOf', i + 2), num: true }))
    // Each simulated amount with what it is expected to be under the uncertainty of the quality index.
    const withExpected = (amount, expected) => [
      money(amount, cur),
      ' ',
      h('span', { class: 'muted expected' }, t('expectedShort', money(expected, cur))),
    ]
    const totalDiff = (i) =>
      money(Math.round((Number(answer.rules[i].total) - Number(answer.rules[0].total)) * 100) / 100, cur, true)
    const chart = chartFigure(t('chartSimulation'), {
      type: 'bar',
      data: {
        labels: answer.providers.map((p) => p.name),
        datasets: answer.rules.map((_, i) => ({
          label: t('candidateRule', i + 1),
          data: answer.providers.map((p) => Number(p.amounts[i])),
          backgroundColor: paletteColor(i),
        })),
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: cur } } } },
    })
    replace(
      result,
      h(
        'h3',
        { id: 'simulation-heading', tabindex: '-1' },
        t('simulationResult', range(answer.period.from, answer.period.to)),
      ),
      chart,
      dataTable({
        caption: t('simulationTable', n),
        className: 'simulation',
        columns: [{ label: t('provider') }, ...ruleCols, ...diffCols],
        rows: answer.providers.map((p, k) => [
          p.name,
          ...p.amounts.map((a, i) => withExpected(a, answer.statements[i][k].expectedOwed)),
          ...p.differences.slice(1).map((d) => money(d, cur, true)),
        ]),
        foot: [
          t('total'),
          ...answer.rules.map((r) => withExpected(r.total, r.expected)),
          ...answer.rules.slice(1).map((_, i) => totalDiff(i + 1)),
        ],
      }),
      dataTable({
        caption: t('simulationUnallocated'),
        className: 'simulation-totals',
        columns: [
          { label: t('candidate') },
          { label: t('total'), num: true },
          { label: t('unallocated'), num: true },
          { label: t('budgetFactor'), num: true },
        ],
        rows: answer.rules.map((r, i) => [
          t('candidateRule', i + 1),
          money(r.total, cur),
          money(r.unallocated, cur),
          r.budget ? num(r.budget.factor, 6) : t('noBudget'),
        ]),
      }),
      answer.rules.some((r) => r.budget) ? h('p', null, t('simulationBudgetNote')) : null,
      answer.statements.map((statements, i) => {
        const notes = suppressionNotes(statements, cur)
        return notes && h('section', null, h('h4', null, t('candidateRule', i + 1)), notes)
      }),
    )
    result.querySelector('h3')?.focus()
  }

  replace(el, h('h2', null, t('simulateTitle')), h('p', { class: 'lead' }, t('simulateLead')), form, result)
}
