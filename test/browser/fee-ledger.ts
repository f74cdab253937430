// The procurer's fee rule templates, the paid-before figures of a repeated run, a stale draft, the fee
// ledger and panel ratings, in Chromium at 1280 and 360 px. Continues the dashboard walk (its programme,
// providers, answered clients and procurer key), so it runs after dashboards.ts.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { Json } from '../../scripts/api-client.ts'
import { api } from './api.ts'
import { CLIENTS, isoDaysAgo } from './dashboards/data.ts'
import { dashboard, downloadText, openView, ready, signIn, tableRows, text, walkSoFar } from './dashboards.ts'
import { assertNoSidewaysScroll } from './page-helpers.ts'
import type { Scenario, World } from './scenarios.ts'

const money = (amount: string | number) =>
  new Intl.NumberFormat('fi-FI', { style: 'currency', currency: 'EUR', currencyDisplay: 'code' })
    .format(Number(amount))
    .replace(/[\u00a0\u202f]/g, ' ')

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the dashboard walk did not get as far as ${what}`)
  return value
}

/** Follows the hash to another view of the same page and waits for it. */
async function goHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    document.getElementById('view')?.removeAttribute('data-ready')
    location.hash = h
  }, hash)
  await ready(page)
}

/** Runs fees from the form of the runs view; resolves with the new run's id once its statement is shown. */
async function runFees(page: Page, from: string, to: string): Promise<string> {
  const before = page.url()
  await page.getByLabel('Alkaen').fill(from)
  await page.getByLabel('Päättyen').fill(to)
  await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
  await page.getByRole('button', { name: 'Laske palkkiot' }).click()
  await page.waitForURL((u) => /\/runs\/run_[^/]+$/.test(u.hash) && u.toString() !== before)
  await ready(page)
  await page.waitForSelector('#statement-heading')
  return /\/runs\/([^/]+)$/.exec(page.url())![1]
}

async function templatesRunsLedger(w: World): Promise<void> {
  const { pid: maybePid, procurerKey } = walkSoFar()
  const pid = need(maybePid, 'a programme')
  const key = need(procurerKey, 'a procurer key')
  const { templates } = await api(w.base, null, 'GET', '/fee-rule-templates')
  const lapland = templates.find((t: Json) => t.id === 'lapland-tourism')
  assert.ok(lapland, 'the Lapland template is served')
  const { versions } = await api(w.base, key, 'GET', `/programmes/${pid}/fee-rules`)
  const period = { from: isoDaysAgo(364), to: isoDaysAgo(0) }

  await dashboard(w, { locale: 'fi-FI' }, async ({ page, scan, shot }) => {
    page.on('dialog', (d) => void d.accept())
    // 1. The Lapland template into the editor, its worked example beside it, saved as a new version.
    await signIn(page, `${w.base}/procurer/#/p/${pid}/rules`, key, 'Kirjaudu')
    assert.equal(await page.locator('li.template').count(), templates.length, 'every template listed')
    const card = page.locator('li.template[data-template="lapland-tourism"]')
    assert.match(await text(page, 'li.template[data-template="lapland-tourism"] h4'), /Lapland/)
    await card.getByRole('button', { name: 'Käytä tätä mallia' }).click()
    await page.waitForSelector('#template-example:not([hidden])')
    assert.deepEqual(JSON.parse(await page.locator('#rule-json').inputValue()), lapland.rule, 'the rule in the editor')
    assert.ok(
      await page.evaluate(() => Boolean(document.activeElement?.closest('#rule-form'))),
      'focus on the rule form',
    )
    assert.equal(
      await page.locator('fieldset.component-form').count(),
      lapland.rule.components.length,
      'a group of fields for each component of the template',
    )
    const example = await text(page, '#template-example')
    for (const step of lapland.example.walkthrough) assert.ok(example.includes(step), `walkthrough: ${step}`)
    assert.ok(example.includes(lapland.example.description))
    const expected = await tableRows(page, 'table.template-expected')
    assert.deepEqual(
      expected.map((r) => r[1]),
      lapland.example.expected.components.map(money),
      'expected amount per component',
    )
    assert.equal(await text(page, 'table.template-expected tfoot td'), money(lapland.example.expected.total))
    const [editorBox, exampleBox] = await Promise.all([
      page.locator('#fee-rule-form').boundingBox(),
      page.locator('#template-example').boundingBox(),
    ])
    assert.ok(exampleBox!.x > editorBox!.x + editorBox!.width - 1, 'the example is beside the editor at 1280 px')
    await scan('procurer: fee rule template (Lapland) with its worked example')
    await shot('dashboard-procurer-template')
    await page.getByRole('button', { name: 'Tallenna uutena versiona' }).click()
    const saved = versions.length + 1
    await page.waitForFunction((v) => document.getElementById('status')?.textContent?.includes(String(v)), saved)
    const after = await api(w.base, key, 'GET', `/programmes/${pid}/fee-rules`)
    assert.equal(after.versions.length, saved)
    // Stored with the defaults filled in (when, nonResponse, ...): every field of the template is kept.
    const stored = after.versions.at(-1).rule
    assert.equal(stored.capPerClient, lapland.rule.capPerClient)
    lapland.rule.components.forEach((c: Json, i: number) => {
      for (const [k, v] of Object.entries(c))
        assert.deepEqual(stored.components[i][k], v, `the template saved as the newest version: components[${i}].${k}`)
    })

    // A draft over the last 30 days, computed before anything is finalised: it goes stale below.
    const stale = await api(w.base, key, 'POST', `/programmes/${pid}/fee-runs`, {
      from: isoDaysAgo(30),
      to: isoDaysAgo(0),
    })

    // 2. A run under the template, finalised; the same period again pays nothing more.
    await openView(page, 'Palkkiolaskennat')
    assert.ok(await page.getByLabel('Budjetti (valinnainen)').isVisible(), 'a budget field on the run form')
    const first = await runFees(page, period.from, period.to)
    const run1 = await api(w.base, key, 'GET', `/fee-runs/${first}`)
    assert.equal(run1.ruleVersion, saved, 'the newest version (the template) by default')
    assert.ok(Number(run1.owed) > 0, 'the template pays something for the answered clients')
    await page.getByRole('button', { name: 'Vahvista lopulliseksi' }).click()
    await page.waitForFunction(() => document.querySelector('table.run-facts')?.textContent?.includes('Lopullinen'))
    assert.equal((await api(w.base, key, 'GET', `/fee-runs/${first}`)).status, 'final')

    const second = await runFees(page, period.from, period.to)
    const run2 = await api(w.base, key, 'GET', `/fee-runs/${second}`)
    assert.equal(run2.total, '0.00', 'nothing more to pay for the same period')
    assert.equal(run2.paidBefore, run2.owed, 'paid before = owed')
    const rows = await tableRows(page, 'table.statement')
    for (const p of run2.providers) {
      const row = rows.find((r) => r[0] === p.name)!
      assert.deepEqual(
        row.slice(-3),
        [money(p.owed), money(p.paidBefore), money('0')],
        `${p.name}: owed, paid before, 0`,
      )
      assert.equal(p.paidBefore, p.owed)
    }
    assert.equal(await text(page, 'table.statement tfoot td:last-child'), money('0'))
    assert.match(await text(page, '#paid-before-explained'), /maksaa erotuksen/)
    await scan('procurer: a repeated run (paid before = owed, payable 0)')
    await shot('dashboard-procurer-paid-before')

    // A draft computed before that finalisation: 409, said plainly, and computed again with one button.
    await goHash(page, `#/p/${pid}/runs/${stale.id}`)
    await page.getByRole('button', { name: 'Vahvista lopulliseksi' }).click()
    await page.waitForSelector('#finalise-problem .error-summary')
    assert.match(await text(page, '#finalise-problem'), /vanhentunut/)
    await scan('procurer: stale draft')
    await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
    await page.getByRole('button', { name: 'Laske uudelleen' }).click()
    await page.waitForURL((u) => /\/runs\/run_/.test(u.hash) && !u.hash.endsWith(stale.id))
    await ready(page)
    await page.waitForSelector('#statement-heading')
    const again = await api(w.base, key, 'GET', `/fee-runs/${/\/runs\/([^/]+)$/.exec(page.url())![1]}`)
    assert.equal(again.status, 'draft')
    assert.deepEqual(again.period, stale.period, 'the same period computed again')

    // 3. The ledger: what the final run paid, filtered by client, and ledger.csv.
    await openView(page, 'Maksetut palkkiot')
    const ledger = await api(w.base, key, 'GET', `/programmes/${pid}/ledger`)
    assert.ok(ledger.entries.length > 0)
    assert.equal((await tableRows(page, 'table.ledger')).length, ledger.entries.length, 'every entry listed')
    await scan('procurer: fee ledger')
    await shot('dashboard-procurer-ledger')
    const ref = ledger.entries.find((e: Json) => e.externalRef)?.externalRef ?? CLIENTS.at(-1)!.ref
    await page.getByLabel('Asiakasviite').fill(ref)
    await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
    await page.getByRole('button', { name: 'Näytä', exact: true }).click()
    await page.waitForFunction(() => document.getElementById('ledger-heading')?.textContent?.includes('Rajauksia'))
    const filtered = await tableRows(page, 'table.ledger')
    assert.ok(filtered.length > 0 && filtered.every((r) => r[2] === ref), `only ${ref}`)
    const csv = await downloadText(page, () => page.locator('#download-ledger').click())
    assert.equal(csv.name, `ledger-${pid}.csv`)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    assert.match(lines[0], /^runId,ledgerVersion,finalisedAt,providerId,externalRef,/)
    assert.equal(lines.length - 1, filtered.length, 'the CSV has the filtered entries')

    // 360 px: no sideways scrolling, axe clean.
    await page.setViewportSize({ width: 360, height: 740 })
    await assertNoSidewaysScroll(page, 'the ledger')
    await scan('procurer: fee ledger at 360 px')
    await goHash(page, `#/p/${pid}/runs/${second}`)
    await assertNoSidewaysScroll(page, 'the statement')
    await scan('procurer: statement at 360 px')
    await goHash(page, `#/p/${pid}/rules`)
    await card.getByRole('button', { name: 'Käytä tätä mallia' }).click()
    await page.waitForSelector('#template-example:not([hidden])')
    const [e360, x360] = await Promise.all([
      page.locator('#fee-rule-form').boundingBox(),
      page.locator('#template-example').boundingBox(),
    ])
    assert.ok(x360!.y >= e360!.y + e360!.height - 1, 'the example is below the editor at 360 px')
    await assertNoSidewaysScroll(page, 'the rules view')
    await scan('procurer: template at 360 px')
    await shot('dashboard-phone-360-procurer-template')

    // 4. Panel ratings: the current rule (Lapland) has no panel component, so the API refuses the rating.
    await openView(page, 'Ohjausryhmän arviot')
    await assertNoSidewaysScroll(page, 'the panel view')
    await page.getByLabel('Arvio', { exact: true }).fill('7.5')
    await page.getByLabel('Perustelu').fill('Seuranta parani')
    await page.getByRole('button', { name: 'Tallenna arvio' }).click()
    await page.waitForSelector('#panel-rating-form .error-summary')
    assert.equal(await page.getAttribute('input[name="rating"]', 'aria-invalid'), 'true', 'the rating is marked')
    await scan('procurer: panel rating refused at 360 px')
    await page.setViewportSize({ width: 1280, height: 900 })
    await scan('procurer: panel rating refused')
  })
}

async function panelRatings(w: World): Promise<void> {
  const { pid: maybePid, procurerKey, ids } = walkSoFar()
  const pid = need(maybePid, 'a programme')
  const key = need(procurerKey, 'a procurer key')
  const { templates } = await api(w.base, null, 'GET', '/fee-rule-templates')
  const panel = templates.find((t: Json) => t.id === 'keski-suomi-panel')
  await api(w.base, key, 'PUT', `/programmes/${pid}/fee-rule`, panel.rule)
  await dashboard(w, { locale: 'fi-FI' }, async ({ page, scan }) => {
    await signIn(page, `${w.base}/procurer/#/p/${pid}/panel`, key, 'Kirjaudu')
    assert.equal(await text(page, 'h2'), 'Ohjausryhmän arviot')
    await page.getByLabel('Jakso', { exact: true }).fill('2027-Q1')
    await page.getByLabel('Arvio', { exact: true }).fill('7.5')
    await page.getByLabel('Perustelu').fill('Seuranta parani')
    await page.getByRole('button', { name: 'Tallenna arvio' }).click()
    await page.waitForSelector('table.panel-ratings')
    const rows = await tableRows(page, 'table.panel-ratings')
    assert.equal(rows.length, 1)
    assert.deepEqual(rows[0].slice(1, 5), ['2027-Q1', '1', '7,5', 'Seuranta parani'])
    const { ratings } = await api(w.base, key, 'GET', `/programmes/${pid}/panel-ratings`)
    assert.equal(ratings.length, 1)
    assert.ok([ids.a, ids.b].includes(ratings[0].providerId))
    await scan('procurer: panel ratings')
  })
}

export function feeLedgerScenarios(): Scenario[] {
  return [
    {
      name: 'r. procurer dashboard: Lapland template, run finalised, the same period again pays 0, stale draft, ledger',
      run: templatesRunsLedger,
    },
    { name: 's. procurer dashboard: a panel rating recorded and listed', run: panelRatings },
  ]
}
