// The fee ledger: what final runs paid for whom, when, in which run and why; filtered by provider and
// client reference, and downloaded as ledger.csv with the key in a header (never in the address).
import { api, download, qs } from './api.js'
import { dataTable, field, h, replace } from './dom.js'
import { busy } from './forms.js'
import { dateTime, int, money, range, t } from './i18n.js'
import { errorText } from './shell.js'
import { componentLabel } from './ui.js'

const enc = encodeURIComponent
/** The filters of each programme's ledger, kept while the page is open. */
const filters = new Map()

export async function ledger(_ctx, el, { pid, isCurrent, announce }) {
  const base = `/programmes/${enc(pid)}`
  const current = filters.get(pid) ?? { providerId: '', externalRef: '' }
  filters.set(pid, current)
  const [{ providers }, answer] = await Promise.all([
    api.get(`${base}/providers`),
    api.get(`${base}/ledger${qs({ ...current, limit: 1000 })}`),
  ])
  if (!isCurrent()) return
  const names = new Map(providers.map((p) => [p.id, p.name]))
  const cur = answer.currency

  const provider = h(
    'select',
    { name: 'providerId', value: current.providerId },
    h('option', { value: '' }, t('allProviders')),
    providers.map((p) => h('option', { value: p.id }, p.name)),
  )
  const ref = h('input', {
    type: 'text',
    name: 'externalRef',
    value: current.externalRef,
    maxlength: '100',
    autocomplete: 'off',
    spellcheck: 'false',
  })
  const form = h(
    'form',
    { id: 'ledger-filters', method: 'get', novalidate: true },
    h(
      'div',
      { class: 'fields-inline' },
      field({ label: t('provider'), control: provider }),
      field({ label: t('externalRef'), hint: t('externalRefFilterHint'), control: ref }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('showEntries'))),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    busy(form, async () => {
      current.providerId = provider.value
      current.externalRef = ref.value.trim()
      await ledger(_ctx, el, { pid, isCurrent, announce })
      announce(t('ledgerShown', int(filters.get(pid)?.count ?? 0)))
      document.getElementById('ledger-heading')?.focus()
    })
  })
  current.count = answer.entries.length

  const downloadCsv = async () => {
    try {
      const name = await download(
        `${base}/ledger.csv${qs({ providerId: current.providerId, externalRef: current.externalRef })}`,
        'ledger.csv',
      )
      announce(t('downloaded', name))
    } catch (err) {
      announce(errorText(err))
    }
  }
  const filtered = current.providerId || current.externalRef
  const payable = answer.entries.reduce((sum, e) => sum + Math.round(Number(e.payable) * 100), 0) / 100
  replace(
    el,
    h('h2', null, t('ledgerTitle')),
    h('p', { class: 'lead' }, t('ledgerLead')),
    form,
    h('h3', { id: 'ledger-heading', tabindex: '-1' }, filtered ? t('ledgerFiltered') : t('ledgerAll')),
    answer.truncated ? h('p', { class: 'notice' }, t('ledgerTruncated')) : null,
    answer.entries.length
      ? dataTable({
          caption: t('ledgerTable', int(answer.entries.length)),
          cards: true,
          className: 'ledger',
          rowHeader: false,
          columns: [
            { label: t('finalisedRun') },
            { label: t('provider') },
            { label: t('externalRef') },
            { label: t('component') },
            { label: t('ruleVersion'), num: true },
            { label: t('period') },
            { label: t('owed'), num: true },
            { label: t('paidBefore'), num: true },
            { label: t('payable'), num: true },
            { label: t('reason') },
          ],
          rows: answer.entries.map((e) => [
            h('a', { href: `#/p/${enc(pid)}/runs/${enc(e.runId)}` }, dateTime(e.finalisedAt)),
            names.get(e.providerId) ?? e.providerId,
            e.externalRef ?? t('wholeProvider'),
            `${componentLabel({ type: e.type }, e.component)} (${e.componentKey})`,
            int(e.ruleVersion),
            range(e.period.from, e.period.to),
            money(e.amount, cur),
            money(e.paidBefore, cur),
            money(e.payable, cur),
            e.reason,
          ]),
          foot: [t('total'), '', '', '', '', '', '', '', money(payable, cur), ''],
        })
      : h('p', null, filtered ? t('ledgerNoneFiltered') : t('ledgerEmpty')),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'secondary', id: 'download-ledger', onclick: downloadCsv },
        t('downloadLedger'),
      ),
    ),
  )
}
