// The provider and procurer dashboards in Chromium: a procurer sets up a programme, imports episodes
// from a CSV file, runs fees, downloads both CSVs and simulates rules; a provider reads its own
// dashboard. Everything goes through the pages (the API only plays the customers and checks figures).
// Every view is scanned by axe-core under the pages' real CSP and photographed.
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import type { Json } from '../../scripts/api-client.ts'
import type { ProviderStatement, ScoreRow } from '../api-types.ts'
import { api } from './api.ts'
import { axeScan, serveAxe, watchCsp } from './dashboards/axe.ts'
import {
  answersOf,
  BROKEN_CANDIDATE,
  CANDIDATE_RULE,
  CLIENTS,
  episodesCsv,
  INVALID_RULE,
  isoDaysAgo,
  PROVIDER_A,
  PROVIDER_B,
  VALID_RULE,
} from './dashboards/data.ts'
import { kb, measure, type Weight } from './dashboards/weight.ts'
import { type AxeViolation, assertNoSidewaysScroll, assertTableFits, watchSidewaysScroll } from './page-helpers.ts'
import { SCREENSHOT_DIR, type Scenario, type World } from './scenarios.ts'

/** What the scenarios hand on to each other (they run in order; a later one needs the earlier ones). */
type Walk = {
  procurerKey?: string
  pid?: string
  programmeName: string
  ids: { a?: string; b?: string }
  providerKey?: string
  links: Map<string, string>
  runId?: string
  weights: Weight[]
}
const walk: Walk = { programmeName: 'Kasvubuusti 2027', ids: {}, links: new Map(), weights: [] }
/** What the walk has set up so far, for the scenarios of other files that continue it (they run after it). */
export const walkSoFar = (): Readonly<Walk> => walk

const norm = (s: string) =>
  s
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
const LOCALE = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const
const money = (amount: string | number, lang: keyof typeof LOCALE = 'fi', signed = false) =>
  norm(
    new Intl.NumberFormat(LOCALE[lang], {
      style: 'currency',
      currency: 'EUR',
      currencyDisplay: 'code',
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    }).format(Number(amount)),
  )
const num1 = (x: number, lang: keyof typeof LOCALE = 'fi') =>
  norm(new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x))

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier dashboard scenario did not get as far as ${what}`)
  return value
}

export type Session = {
  page: Page
  context: BrowserContext
  scan: (label: string) => Promise<void>
  shot: (name: string) => Promise<void>
}

/**
 * A fresh browser context for one walk: axe served same-origin, CSP violations and any request whose
 * URL carries a key (the walk's, or `keys`) collected; at the end no axe violation, no CSP violation
 * and no key in a URL.
 */
export async function dashboard(
  w: World,
  options: BrowserContextOptions,
  fn: (s: Session) => Promise<void>,
  keys: string[] = [],
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const context = await w.browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    ...options,
  })
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(20_000)
  await serveAxe(context)
  const csp = watchCsp(context)
  const sideways = await watchSidewaysScroll(context)
  const keyInUrl: string[] = []
  const pageErrors: string[] = []
  context.on('request', (r) => {
    for (const key of [walk.procurerKey, walk.providerKey, ...keys])
      if (key && r.url().includes(key)) keyInUrl.push(r.url())
  })
  const violations: AxeViolation[] = []
  const scanned: string[] = []
  const inRegion: string[] = []
  const shots: string[] = []
  let page: Page | null = null
  try {
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    await fn({
      context,
      page,
      scan: async (label) => {
        violations.push(...(await axeScan(page!, label)))
        scanned.push(label)
        // Allowed, but worth seeing: tables that scroll inside their own labelled region at this width.
        for (const r of await page!.evaluate(() =>
          Array.from(document.querySelectorAll('[role="region"][aria-labelledby]'))
            .filter((r) => r.scrollWidth > r.clientWidth + 1)
            .map(
              (r) =>
                `"${document.getElementById(r.getAttribute('aria-labelledby')!)?.textContent?.trim()}" ${r.scrollWidth} px in ${r.clientWidth} px`,
            ),
        ))
          if (!inRegion.includes(r)) inRegion.push(r)
      },
      shot: async (name) => {
        const path = join(SCREENSHOT_DIR, `${name}.png`)
        await page!.screenshot({ path, fullPage: true })
        shots.push(name)
      },
    })
  } catch (err) {
    // Keep what the screen showed when it failed.
    const path = join(SCREENSHOT_DIR, `dashboard-failed-${Date.now()}.png`)
    await page?.screenshot({ path, fullPage: true }).then(
      () => w.log(`    failure screenshot: ${path}`),
      () => undefined,
    )
    if (pageErrors.length) w.log(`    page errors: ${pageErrors.join(' | ')}`)
    throw err
  } finally {
    await context.close()
  }
  w.log(`    axe scanned: ${scanned.join(', ')}`)
  w.log(`    screenshots: ${shots.map((s) => `${s}.png`).join(', ')}`)
  if (inRegion.length) w.log(`    tables scrolling in their own labelled region: ${inRegion.join('; ')}`)
  for (const v of violations)
    w.log(
      `    [${v.page}] ${v.id} (${v.impact}): ${v.help}\n      targets: ${v.targets.join(' | ')}\n      ${v.summary.replace(/\n/g, '\n      ')}`,
    )
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages')
  assert.deepEqual(csp, [], 'no Content-Security-Policy violations')
  assert.deepEqual(sideways, [], 'no page scrolled sideways')
  assert.deepEqual(keyInUrl, [], 'no request URL carries an access key')
  assert.equal(
    violations.length,
    0,
    `${violations.length} axe violation(s): ${[...new Set(violations.map((v) => `${v.page}: ${v.id}`))].join('; ')}`,
  )
}

/** Waits for the view to be rendered, and checks that it does not scroll sideways. */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 })
  await assertNoSidewaysScroll(page, `view ${new URL(page.url()).hash}`)
}

/** Follows a link of the view navigation and waits for the new view. */
export async function openView(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
  await page.locator('nav.views').getByRole('link', { name, exact: true }).click()
  await ready(page)
}

/**
 * The text a reader sees in the one element `locator` matches, as Playwright's Locator.innerText() gives
 * it. Read through allInnerTexts() because Biome's useDomNodeTextContent takes that method for the DOM
 * property; textContent is no substitute here, as it also reads hidden text and drops the layout.
 */
async function renderedText(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'attached' }) // waits and insists on one element, as innerText() does
  return (await locator.allInnerTexts()).join('')
}

export const text = async (page: Page, selector: string) => norm(await renderedText(page.locator(selector).first()))
const h1 = (page: Page) => text(page, 'h1')

export async function signIn(page: Page, url: string, key: string, button: string): Promise<void> {
  await page.goto(url)
  await page.locator('#access-key').fill(key)
  await page.getByRole('button', { name: button, exact: true }).click()
  await ready(page)
}

export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; body: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const path = await download.path()
  return { name: download.suggestedFilename(), body: readFileSync(path, 'utf8') }
}

/** Rows of a table as normalised cell texts. */
export const tableRows = (page: Page, selector: string) =>
  page.locator(`${selector} tbody tr`).evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.children).map((c) =>
        (c.textContent ?? '')
          .replace(/[\u00a0\u202f]/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    ),
  )

// ---- h. Procurer: sign-in, programme, providers, keys, fee rule ---------------------------------

function procurerSetUp(adminToken: string) {
  return async (w: World) => {
    const created = await api(w.base, adminToken, 'POST', '/keys', {
      role: 'procurer',
      label: 'dashboard walk-through',
    })
    walk.procurerKey = created.key
    const key = created.key as string
    await dashboard(w, { locale: 'fi-FI' }, async ({ page, scan, shot }) => {
      const res = await page.goto(`${w.base}/procurer`)
      assert.equal(res?.status(), 200)
      assert.equal(new URL(page.url()).pathname, '/procurer/')
      await page.waitForSelector('#access-key')
      assert.equal(await page.getAttribute('html', 'lang'), 'fi')
      assert.equal(await h1(page), 'Kirjaudu sisään')
      await scan('procurer: sign-in')
      await shot('dashboard-procurer-sign-in')

      // A wrong key: the error is shown with the field, nothing is kept.
      await page.getByLabel('Käyttöavain').fill('lk_not-a-real-key')
      await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click()
      await page.waitForSelector('.error-summary')
      assert.match(await text(page, '.error-summary'), /Käyttöavainta ei tunneta/)
      assert.equal(await page.getAttribute('#access-key', 'aria-invalid'), 'true')
      assert.match((await page.getAttribute('#access-key', 'aria-describedby')) ?? '', /access-key-error/)
      assert.equal(await page.evaluate(() => sessionStorage.getItem('laatu:key')), null)
      await scan('procurer: sign-in error')

      await page.getByLabel('Käyttöavain').fill(key)
      await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click()
      await ready(page)
      assert.equal(
        await page.evaluate(() => sessionStorage.getItem('laatu:key')),
        key,
        'the key is kept in sessionStorage',
      )
      assert.equal(await page.evaluate(() => localStorage.getItem('laatu:key')), null, 'never in localStorage')
      assert.ok(!page.url().includes(key), 'the key is not in the address')
      assert.equal(await h1(page), 'Hankkijan näkymä')
      await scan('procurer: programmes')

      // Create a programme.
      await page.getByLabel('Ohjelman nimi').fill(walk.programmeName)
      await page.getByLabel('Alue', { exact: true }).fill('Pirkanmaa')
      await page.getByLabel('Julkaisuun tarvittavat vastaukset').fill('5')
      await page.getByLabel('Pienin näytettävä ryhmä').fill('5')
      await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
      await page.getByRole('button', { name: 'Perusta ohjelma' }).click()
      await page.waitForURL(/#\/p\/prg_[^/]+\/setup$/)
      await ready(page)
      walk.pid = /#\/p\/([^/]+)\/setup$/.exec(page.url())![1]
      assert.equal(await h1(page), walk.programmeName)
      assert.equal(await page.getAttribute('nav.views a[aria-current="page"]', 'href'), `#/p/${walk.pid}/setup`)

      // Providers: two, and a clash shown at the field.
      const addProvider = async (p: { name: string; businessId: string }) => {
        await page.getByLabel('Palveluntuottajan nimi', { exact: true }).fill(p.name)
        await page.getByLabel('Y-tunnus', { exact: true }).fill(p.businessId)
        await page.getByRole('button', { name: 'Lisää palveluntuottaja' }).click()
      }
      await addProvider(PROVIDER_A)
      await page.waitForSelector(`table.providers >> text=${PROVIDER_A.name}`)
      await addProvider({ name: PROVIDER_A.name, businessId: '2222222-9' })
      await page.waitForSelector('#add-provider .error-summary')
      assert.match(await text(page, '#add-provider .error-summary'), /already/)
      assert.equal(
        await page.getAttribute('#provider-name-input', 'aria-invalid'),
        'true',
        'the clashing name is marked',
      )
      await scan('procurer: set-up, provider clash')
      await addProvider(PROVIDER_B)
      await page.waitForSelector(`table.providers >> text=${PROVIDER_B.name}`)
      const rows = await tableRows(page, 'table.providers')
      walk.ids.a = rows.find((r) => r[0] === PROVIDER_A.name)?.[2]
      walk.ids.b = rows.find((r) => r[0] === PROVIDER_B.name)?.[2]
      assert.match(walk.ids.a ?? '', /^prv_/)
      assert.match(walk.ids.b ?? '', /^prv_/)

      // A provider key, shown once.
      await page.getByLabel('Avaimen laji').selectOption('provider')
      await page
        .locator('#create-key')
        .getByLabel('Palveluntuottaja', { exact: true })
        .selectOption({ label: PROVIDER_A.name })
      await page.locator('#create-key').getByLabel('Nimi', { exact: true }).fill('Kasvupolku, raportit')
      await page.getByRole('button', { name: 'Luo avain' }).click()
      await page.waitForSelector('#new-key')
      walk.providerKey = await page.inputValue('#new-key')
      assert.match(walk.providerKey, /^lk_/)
      assert.match(await text(page, '.notice'), /Kopioi se nyt/)
      await page.waitForSelector('text=Kasvupolku, raportit')
      // A second key, revoked again (the browser asks first).
      await page
        .locator('#create-key')
        .getByLabel('Palveluntuottaja', { exact: true })
        .selectOption({ label: PROVIDER_B.name })
      await page.locator('#create-key').getByLabel('Nimi', { exact: true }).fill('Toinen, kokeilu')
      await page.getByRole('button', { name: 'Luo avain' }).click()
      await page.waitForSelector('table.keys >> text=Toinen, kokeilu')
      const revoked = await page.inputValue('#new-key')
      page.once('dialog', (d) => void d.accept())
      await page.getByRole('button', { name: 'Peru Toinen, kokeilu' }).click()
      await page.waitForFunction(() =>
        /Peruttu/.test(
          Array.from(document.querySelectorAll('table.keys tr')).find((tr) =>
            tr.textContent?.includes('Toinen, kokeilu'),
          )?.textContent ?? '',
        ),
      )
      await assert.rejects(api(w.base, revoked, 'GET', '/programmes'), /401/, 'a revoked key no longer works')
      assert.equal(
        await page.getByRole('button', { name: 'Peru Kasvupolku, raportit' }).count(),
        1,
        'the other key is still active',
      )
      await scan('procurer: set-up')
      await shot('dashboard-procurer-setup')

      // Fee rule: a rule with a field error first, then a valid one.
      await openView(page, 'Palkkiosäännöt')
      assert.match(await text(page, 'h2'), /Palkkiosäännöt/)
      // The JSON is one click away from the form.
      await page.getByRole('button', { name: 'Näytä JSON' }).click()
      assert.equal(await page.getAttribute('#rule-json-toggle', 'aria-expanded'), 'true')
      await page.getByLabel('Palkkiosääntö (JSON)').fill('{"currency": "EUR", ')
      await page.getByRole('button', { name: 'Tallenna uutena versiona' }).click()
      await page.waitForSelector('#fee-rule-form .error-summary')
      assert.match(
        await text(page, '#fee-rule-form .error-summary'),
        /ei ole kelvollista JSONia/,
        'a syntax error is caught before sending',
      )
      await page.getByLabel('Palkkiosääntö (JSON)').fill(JSON.stringify(INVALID_RULE, null, 2))
      await page.getByRole('button', { name: 'Tallenna uutena versiona' }).click()
      await page.waitForFunction(() =>
        /perClient/.test(document.querySelector('.json-editor .field-error')?.textContent ?? ''),
      )
      const fieldError = await text(page, '.json-editor .field-error')
      assert.match(
        fieldError,
        /components\[0\]\.perClient \(rivi 6\): must not be negative/,
        "the parser's field error is shown under the editor, with its line",
      )
      await page.locator('.json-editor .field-error').getByRole('link', { name: 'rivi 6' }).click()
      const selected = await page
        .locator('#rule-json')
        .evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))
      assert.equal(selected, '-5', 'following the error selects the wrong value in the editor')
      assert.equal(await page.getAttribute('#rule-json', 'aria-invalid'), 'true')
      const describedBy = (await page.getAttribute('#rule-json', 'aria-describedby')) ?? ''
      const errorsId = await page.locator('.json-editor .field-error').getAttribute('id')
      assert.ok(describedBy.split(' ').includes(errorsId!), 'the editor is described by its errors')
      assert.equal(
        await page.getAttribute('#fee-rule-form .error-summary a', 'href'),
        '#rule-json',
        'the summary links to the editor',
      )
      assert.deepEqual(await tableRows(page, 'table.rule-versions').catch(() => []), [], 'no version was stored')
      await scan('procurer: fee rule with a field error')
      await shot('dashboard-procurer-fee-rule-error')

      await page.getByLabel('Palkkiosääntö (JSON)').fill(JSON.stringify(VALID_RULE, null, 2))
      await page.getByRole('button', { name: 'Tallenna uutena versiona' }).click()
      await page.waitForSelector('table.rule-versions')
      const versions = await tableRows(page, 'table.rule-versions')
      assert.equal(versions.length, 1)
      assert.equal(versions[0][0], '1')
      assert.match(
        versions[0][2],
        /^Perusmaksu 1 000,00 EUR asiakasta kohden; Laatupalkkio enintään 500,00 EUR asiakasta kohden asiakkaan oman vastauksen mukaan \(suoraan laatuindeksin mukaan\)$/,
        'the version in words',
      )
      assert.match(await text(page, '#status'), /versio 1 tallennettu/)
      await scan('procurer: fee rules')
      await shot('dashboard-procurer-fee-rules')

      // Surveys in use are listed on the set-up view.
      await openView(page, 'Perustiedot')
      assert.match(await text(page, 'main'), /cx-company/)
    })
  }
}

// ---- i. Procurer: episodes by CSV upload ----------------------------------------------------

async function episodeImport(w: World): Promise<void> {
  const pid = need(walk.pid, 'a programme')
  const ids = { a: need(walk.ids.a, 'provider A'), b: need(walk.ids.b, 'provider B') }
  await dashboard(w, { locale: 'fi-FI' }, async ({ page, scan, shot }) => {
    await signIn(page, `${w.base}/procurer/#/p/${pid}/episodes`, need(walk.procurerKey, 'a procurer key'), 'Kirjaudu')
    assert.match(await text(page, 'h2'), /Palvelujaksot/)
    await scan('procurer: episodes')

    // One bad row: nothing is stored, the row's error is shown with its row and line.
    await page
      .getByLabel('CSV-tiedosto')
      .setInputFiles({ name: 'jaksot.csv', mimeType: 'text/csv', buffer: Buffer.from(episodesCsv(ids, true)) })
    await page.getByRole('button', { name: 'Tuo', exact: true }).click()
    await page.waitForSelector('#import-episodes .error-summary')
    const summary = await text(page, '#import-episodes .error-summary')
    assert.match(summary, /Rivi 3 \(tiedoston rivi 4\), endedOn: endedOn must not be before startedOn/)
    assert.match(await text(page, '#episodes-file-error'), /Mitään ei tuotu: 1 rivillä on virheitä/)
    assert.equal(await page.getAttribute('#episodes-file', 'aria-invalid'), 'true')
    assert.deepEqual(await tableRows(page, 'table.row-errors'), [
      ['3', '4', 'endedOn', 'endedOn must not be before startedOn'],
    ])
    assert.match(await text(page, 'main'), /Ei vielä palvelujaksoja/, 'nothing was stored')
    await scan('procurer: CSV row errors')
    await shot('dashboard-procurer-csv-errors')

    // The fixed file.
    await page
      .getByLabel('CSV-tiedosto')
      .setInputFiles({ name: 'jaksot.csv', mimeType: 'text/csv', buffer: Buffer.from(episodesCsv(ids)) })
    // Read-your-writes: the list read after the import sends the import's D1 bookmark (or a newer one) back.
    const episodesPath = (url: string) => new URL(url).pathname === `/api/v1/programmes/${pid}/episodes`
    const imported = page.waitForResponse((r) => r.request().method() === 'POST' && episodesPath(r.url()))
    const relisted = page.waitForRequest((r) => r.method() === 'GET' && episodesPath(r.url()))
    await page.getByRole('button', { name: 'Tuo', exact: true }).click()
    const importBookmark = (await imported).headers()['x-d1-bookmark'] ?? ''
    assert.match(importBookmark, /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/, 'the import answers a bookmark')
    assert.ok(((await relisted).headers()['x-d1-bookmark'] ?? '') >= importBookmark, 'the next read sends it back')
    const kept = await page.evaluate(() => sessionStorage.getItem('laatu:d1-bookmark'))
    assert.ok((kept ?? '') >= importBookmark, 'the bookmark is kept in sessionStorage')
    await page.waitForSelector('table.invitation-links')
    assert.match(
      await text(page, '#import-result .success'),
      new RegExp(`Tuotu: ${CLIENTS.length} uutta, 0 jo tallennettu`),
    )
    assert.equal(await page.locator('#import-episodes .error-summary').count(), 0)
    const links = await page
      .locator('table.invitation-links tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('a')?.getAttribute('href') ?? '']),
      )
    assert.equal(links.length, CLIENTS.length)
    for (const [ref, url] of links) {
      assert.ok(url.startsWith(`${w.base}/s/`), `a survey link for ${ref}`)
      walk.links.set(ref, url)
    }
    await page.waitForSelector(`table.episodes >> text=${CLIENTS.at(-1)!.ref}`)
    assert.equal((await tableRows(page, 'table.episodes')).length, CLIENTS.length)
    const csv = await downloadText(page, () => page.getByRole('button', { name: 'Lataa linkit (CSV)' }).click())
    assert.equal(csv.body.trim().split(/\r?\n/).length, CLIENTS.length + 1, 'the links CSV has a row per new episode')
    await scan('procurer: episodes imported')
    await shot('dashboard-procurer-episodes')
  })

  // The customers answer (the respondent API plays them).
  for (const c of CLIENTS) {
    const token = new URL(walk.links.get(c.ref)!).pathname.split('/').pop()!
    if (c.answer === null) continue
    if (c.answer === 'decline') {
      await api(w.base, null, 'POST', `/respond/${token}/decline`)
      continue
    }
    await api(w.base, null, 'GET', `/respond/${token}`)
    const saved = await api(w.base, null, 'PUT', `/respond/${token}`, { answers: answersOf(c.answer), complete: true })
    assert.equal(saved.status, 'completed', `${c.ref} completed`)
  }
}

// ---- j. Procurer: providers side by side --------------------------------------------------

async function sideBySide(w: World): Promise<void> {
  const pid = need(walk.pid, 'a programme')
  const key = need(walk.procurerKey, 'a procurer key')
  const scores = await api(w.base, key, 'GET', `/programmes/${pid}/scores`)
  const byName = new Map<string, ScoreRow>(scores.providers.map((p: ScoreRow) => [p.name, p]))
  await dashboard(w, { locale: 'fi-FI' }, async ({ page, scan, shot }) => {
    await signIn(page, `${w.base}/procurer/#/p/${pid}/compare`, key, 'Kirjaudu')
    assert.match(await text(page, 'h2'), /Palveluntuottajat rinnakkain/)
    await page.waitForFunction(
      () => ((document.querySelector('figure.chart canvas') as HTMLCanvasElement | null)?.width ?? 0) > 0,
    )
    const rows = await tableRows(page, 'table.compare')
    assert.deepEqual(rows.map((r) => r[0]).sort(), [PROVIDER_A.name, PROVIDER_B.name].sort())
    // Issue 14: each index with its own interval (the weighted one with the stars), never mixed.
    const withCi = (x: number | null, ci: [number, number] | null) =>
      x === null ? '–' : ci ? `${num1(x)} (${num1(ci[0])} – ${num1(ci[1])})` : num1(x)
    for (const row of rows) {
      const api = byName.get(row[0])
      assert.ok(api, `${row[0]}: a provider of the API's score table`)
      assert.equal(row[1], `${api.responses} / ${api.invited}`, `${row[0]} answers / invited`)
      assert.equal(row[3], withCi(api.qualityIndex.shrunk, api.qualityIndex.shrunkCi95), `${row[0]} weighted index`)
      assert.equal(row[5], withCi(api.qualityIndex.mean, api.qualityIndex.ci95), `${row[0]} unweighted index`)
      // Issue 13: the comparison with the other providers, and an interval resting on the programme's spread, in words
      const said = {
        above: 'Parempi kuin muut palveluntuottajat keskimäärin.',
        below: 'Heikompi kuin muut palveluntuottajat keskimäärin.',
        no_different: 'Ei selvää eroa muihin palveluntuottajiin.',
      }
      assert.ok(api.comparison && row[4].includes(said[api.comparison]), `${row[0]} comparison in words: ${row[4]}`)
      assert.equal(
        row[4].includes('Väli perustuu ohjelman tavalliseen hajontaan'),
        api.qualityIndex.intervalBasis === 'programme_sd',
        `${row[0]} says when its interval rests on the programme's spread`,
      )
    }
    // Issue 13: the bias-adjusted R-indicator with its interval, and whether it is below the programme's.
    const diag = await api(w.base, key, 'GET', `/programmes/${pid}/diagnostics`)
    const num2 = (x: number) =>
      norm(new Intl.NumberFormat(LOCALE.fi, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x))
    const reprRows = await tableRows(page, 'table.representativeness')
    assert.deepEqual(reprRows.map((r) => r[0]).sort(), [PROVIDER_A.name, PROVIDER_B.name].sort())
    for (const row of reprRows) {
      const d = diag.providers.find((p: { name: string }) => p.name === row[0]).representativeness
      if (d.rIndicator === null) assert.match(row[1], /^–/, `${row[0]} R-indicator`)
      else {
        const r = num2(d.rIndicator)
        const shown = d.interval ? `${r} (${num2(d.interval.low)} – ${num2(d.interval.high)})` : r
        assert.equal(row[1], shown, `${row[0]} R-indicator`)
      }
      const verdict = d.belowProgramme ? /Ohjelmaa alempi/ : d.interval ? /Ei ohjelmaa alempi/ : /yhtä usein/
      assert.match(row[2], verdict, `${row[0]} against the programme`)
    }
    // answers, response rate and both intervals in view at 1280 px, without sideways scrolling
    await honestColumnsInView(page, 'table.compare', COMPARE_HONEST, 'side by side at 1280 px')
    assert.equal((await page.getAttribute('canvas[role="img"]', 'aria-label')) !== null, true, 'the chart is labelled')
    await scan('procurer: providers side by side')
    await shot('dashboard-procurer-compare')

    // The public face is one link away.
    const href = await page.getAttribute('a.ratings-link', 'href')
    assert.equal(href, `/ratings/${pid}?lang=fi`)
    await page.locator('a.ratings-link').click()
    await page.waitForURL(`**/ratings/${pid}?lang=fi`)
    assert.match(await h1(page), new RegExp(walk.programmeName))
    assert.match(await text(page, 'table.ratings'), new RegExp(PROVIDER_A.name))
    await honestColumnsInView(page, 'table.ratings', RATINGS_HONEST, 'ratings page at 1280 px')
    await figuresInsideIntervals(page, 'ratings page at 1280 px')
    await page.goBack()
    await ready(page)
    assert.equal(
      await page.evaluate(() => sessionStorage.getItem('laatu:key')),
      key,
      'still signed in after visiting the public page',
    )
  })

  // 360 px: the same tables as cards, every honest column labelled and in view; axe stays clean.
  await dashboard(
    w,
    { locale: 'fi-FI', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    async ({ page, scan, shot }) => {
      await signIn(page, `${w.base}/procurer/#/p/${pid}/compare`, key, 'Kirjaudu')
      await page.waitForSelector('table.compare tbody tr')
      await honestColumnsInView(page, 'table.compare', COMPARE_HONEST, 'side by side at 360 px')
      await scan('procurer: providers side by side at 360 px')
      await shot('dashboard-phone-360-procurer-compare')
      await page.goto(`${w.base}/ratings/${pid}?lang=fi`)
      await page.waitForSelector('table.ratings tbody tr')
      await honestColumnsInView(page, 'table.ratings', RATINGS_HONEST, 'ratings page at 360 px')
      await figuresInsideIntervals(page, 'ratings page at 360 px')
      await scan('public ratings page at 360 px')
      await shot('phone-360-ratings')
    },
    [key],
  )
}

/**
 * Every figure printed on the ratings page lies inside its own interval as printed: the weighted index
 * (td.figure) inside td.interval, and the unweighted mean inside the interval printed after it.
 */
async function figuresInsideIntervals(page: Page, label: string): Promise<void> {
  const rows = await page.locator('table.ratings tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const numbers = (sel: string) =>
        (tr.querySelector(sel)?.textContent ?? '')
          .replace(/\u2212/g, '-')
          .match(/-?\d+(?:[.,]\d+)?/g)
          ?.map((x) => Number(x.replace(',', '.'))) ?? []
      return {
        name: tr.querySelector('th')?.textContent?.trim(),
        figure: numbers('td.figure'),
        interval: numbers('td.interval'),
        raw: numbers('.raw'),
      }
    }),
  )
  let checked = 0
  for (const r of rows) {
    if (r.figure.length === 0) continue
    const [fig] = r.figure
    const [lo, hi] = r.interval
    assert.ok(lo <= fig && fig <= hi, `${label}: ${r.name}'s weighted index ${fig} outside its interval ${lo} – ${hi}`)
    // "Unweighted mean 84.8 (95 % confidence interval 83.1 – 86.4)": the first number and the last two
    if (r.raw.length >= 3) {
      const [mean, rawLo, rawHi] = [r.raw[0], ...r.raw.slice(-2)]
      assert.ok(rawLo <= mean && mean <= rawHi, `${label}: ${r.name}'s mean ${mean} outside ${rawLo} – ${rawHi}`)
    }
    checked++
  }
  assert.ok(checked > 0, `${label}: some provider has a figure to check`)
}

/** The cells that make a figure honest: answers, response rate and the intervals. */
const COMPARE_HONEST = ['td:nth-child(2)', 'td:nth-child(3)', 'td:nth-child(4)', 'td:nth-child(6)']
const RATINGS_HONEST = ['td.figure', 'td.interval', 'td.answers', 'td.rate']

/**
 * No sideways scrolling of the page or of the table's own region, and every named cell of every row
 * visible inside the viewport's width (not cut off, not zero-sized).
 */
async function honestColumnsInView(page: Page, table: string, cells: string[], label: string): Promise<void> {
  await assertNoSidewaysScroll(page, label)
  const found = await page.locator(table).evaluate((el, sels) => {
    const wrap = el.closest('.table-wrap') as HTMLElement | null
    const problems: string[] = []
    if (wrap && wrap.scrollWidth > wrap.clientWidth + 1)
      problems.push(`the table is ${wrap.scrollWidth} px wide in ${wrap.clientWidth} px`)
    const rows = el.querySelectorAll('tbody tr')
    for (const tr of rows) {
      for (const sel of sels) {
        const c = tr.querySelector(sel)
        const b = c?.getBoundingClientRect()
        if (!c || !b || b.width === 0 || b.height === 0) problems.push(`${sel} missing`)
        else if (b.left < -0.5 || b.right > document.documentElement.clientWidth + 0.5)
          problems.push(`${sel} at ${Math.round(b.left)}..${Math.round(b.right)} px`)
        else if (c.scrollWidth > c.clientWidth + 1) problems.push(`${sel} cut off`)
      }
    }
    return { rows: rows.length, problems }
  }, cells)
  assert.ok(found.rows > 0, `${label}: no rows`)
  assert.deepEqual(found.problems, [], `${label}: ${found.problems.join('; ')}`)
}

// ---- k. Procurer: a fee run, its statement and both CSVs ----------------------------------

async function feeRun(w: World): Promise<void> {
  const pid = need(walk.pid, 'a programme')
  const key = need(walk.procurerKey, 'a procurer key')
  await dashboard(w, { locale: 'fi-FI' }, async ({ page, scan, shot }) => {
    await signIn(page, `${w.base}/procurer/#/p/${pid}/runs`, key, 'Kirjaudu')
    assert.match(await text(page, 'h2'), /Palkkiolaskennat/)
    await scan('procurer: fee runs (none yet)')
    await page.getByLabel('Alkaen').fill(isoDaysAgo(364))
    await page.getByLabel('Päättyen').fill(isoDaysAgo(0))
    await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
    await page.getByRole('button', { name: 'Laske palkkiot' }).click()
    await page.waitForURL(/\/runs\/run_[^/]+$/)
    await ready(page)
    await page.waitForSelector('#statement-heading')
    walk.runId = /\/runs\/([^/]+)$/.exec(page.url())![1]
    const run = await api(w.base, key, 'GET', `/fee-runs/${walk.runId}`)
    const rows = await tableRows(page, 'table.statement')
    assert.equal(rows.length, 2)
    for (const p of run.providers) {
      const row = rows.find((r) => r[0] === p.name)
      assert.ok(row, `${p.name} on the statement`)
      assert.equal(row!.at(-1), money(p.total), `${p.name} total as fi money`)
      assert.match(row!.at(-1)!, /^\d{1,3}( \d{3})*,\d\d EUR$/, 'fi: 1 234,50 EUR')
      assert.equal(row![1], String(p.clients))
    }
    assert.equal(norm(await renderedText(page.locator('table.statement tfoot td').last())), money(run.total))
    // Issue 14: owed, expected, paid before and payable on screen at 1280 px, the amounts by component apart.
    await assertTableFits(page, 'table.statement', 'procurer statement (fi)')
    await assertTableFits(page, 'table.statement-components', 'procurer statement (fi)')
    assert.equal((await tableRows(page, 'table.runs')).length, 1)
    await scan('procurer: fee run statement')
    await shot('dashboard-procurer-fee-run')

    const statement = await downloadText(page, () => page.locator('#download-statement').click())
    assert.equal(statement.name, `statement-${walk.runId}.csv`)
    assert.ok(statement.body.startsWith('\uFEFF'), 'UTF-8 byte-order mark')
    const sLines = statement.body.slice(1).trim().split(/\r?\n/)
    assert.equal(
      sLines[0],
      'runId,ruleVersion,from,to,providerId,provider,clients,responses,component,type,amount,currency,explanation,linkCustody,paidBefore,payable',
    )
    assert.ok(
      sLines.some((l) => l.includes(PROVIDER_A.name)) && sLines.some((l) => l.includes(PROVIDER_B.name)),
      'both providers in statement.csv',
    )
    assert.equal(
      sLines.length - 1,
      run.providers.reduce((n: number, p: ProviderStatement) => n + p.components.length, 0),
      'a row per provider and component',
    )

    const lines = await downloadText(page, () => page.locator('#download-lines').click())
    assert.equal(lines.name, `lines-${walk.runId}.csv`)
    const lLines = lines.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    assert.equal(
      lLines[0],
      'runId,providerId,provider,externalRef,component,type,amount,currency,reason,clients,respondents,componentKey,paidBefore,payable',
    )
    for (const c of CLIENTS)
      assert.ok(
        lLines.some((l) => l.split(',')[3] === c.ref),
        `a line for ${c.ref}`,
      )
    w.log(`    downloaded ${statement.name} (${sLines.length - 1} rows) and ${lines.name} (${lLines.length - 1} rows)`)

    await page.getByRole('button', { name: 'Näytä asiakasrivit' }).click()
    await page.waitForSelector(`text=Asiakasrivit: ${PROVIDER_A.name}`)
    await scan('procurer: fee run client lines')

    // The same statement in English and Swedish: texts, dates and money per locale.
    for (const [button, lang, heading] of [
      ['English', 'en', 'Fee runs'],
      ['Svenska', 'sv', 'Arvodesberäkningar'],
    ] as const) {
      await page.getByRole('button', { name: button }).click()
      await page.waitForFunction((l) => document.documentElement.lang === l, lang)
      await ready(page)
      await page.waitForSelector('table.statement')
      assert.equal(await text(page, 'h2'), heading)
      const localised = await tableRows(page, 'table.statement')
      for (const p of run.providers)
        assert.equal(localised.find((r) => r[0] === p.name)?.at(-1), money(p.total, lang), `${p.name} total in ${lang}`)
      assert.match(
        await text(page, '#statement-heading'),
        new RegExp(
          norm(
            new Intl.DateTimeFormat(LOCALE[lang], {
              year: 'numeric',
              month: 'numeric',
              day: 'numeric',
              timeZone: 'UTC',
            }).format(new Date(`${run.period.to}T00:00:00Z`)),
          ).replace(/[./]/g, '\\$&'),
        ),
      )
      await scan(`procurer: fee run statement (${lang})`)
    }
    await page.getByRole('button', { name: 'Suomi' }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'fi')
  })
}

// ---- l. Procurer: simulation of two rules ---------------------------------------------------

async function simulation(w: World): Promise<void> {
  const pid = need(walk.pid, 'a programme')
  const key = need(walk.procurerKey, 'a procurer key')
  const period = { from: isoDaysAgo(364), to: isoDaysAgo(0) }
  const expected = await api(w.base, key, 'POST', `/programmes/${pid}/fee-simulations`, {
    ...period,
    rules: [VALID_RULE, CANDIDATE_RULE],
  })
  await dashboard(w, { locale: 'fi-FI' }, async ({ page, scan, shot }) => {
    await signIn(page, `${w.base}/procurer/#/p/${pid}/simulate`, key, 'Kirjaudu')
    assert.match(await text(page, 'h2'), /Simulointi/)
    assert.equal(await page.locator('.json-editor').count(), 2, 'two candidate rules to start with')
    await page.getByLabel('Alkaen').fill(period.from)
    await page.getByLabel('Päättyen').fill(period.to)
    await page.getByLabel('Sääntö 1', { exact: true }).fill(JSON.stringify(VALID_RULE, null, 2))
    await page.getByLabel('Sääntö 2', { exact: true }).fill(JSON.stringify(BROKEN_CANDIDATE, null, 2))
    await page.getByRole('button', { name: 'Vertaa', exact: true }).click()
    await page.waitForSelector('#simulation-form .error-summary')
    // the issue names the rule and says in plain words what is wrong, with the line of the JSON
    assert.match(
      await text(page, '#simulation-form .error-summary'),
      /Sääntö 2: unknown mode "sometimes".*\(rivi \d+\)/,
    )
    assert.equal(await page.getAttribute('#rule-2', 'aria-invalid'), 'true', 'the broken rule is marked')
    assert.equal(await page.getAttribute('#rule-1', 'aria-invalid'), null, 'the good rule is not')
    await scan('procurer: simulation with an error')

    await page.getByLabel('Sääntö 2', { exact: true }).fill(JSON.stringify(CANDIDATE_RULE, null, 2))
    await page.getByRole('button', { name: 'Vertaa', exact: true }).click()
    await page.waitForSelector('table.simulation')
    const rows = await tableRows(page, 'table.simulation')
    assert.equal(rows.length, expected.providers.length)
    // Each amount with the API's expected amount under the uncertainty of the quality index below it.
    const withExpected = (amount: string, mean: string) => `${money(amount)} odotusarvo ${money(mean)}`
    for (const [k, p] of expected.providers.entries()) {
      const row = rows.find((r) => r[0] === p.name)
      assert.deepEqual(
        row,
        [
          p.name,
          ...[0, 1].map((i) => withExpected(p.amounts[i], expected.statements[i][k].expectedOwed)),
          money(p.differences[1], 'fi', true),
        ],
        `${p.name}: amount and expected amount under each rule, and the difference`,
      )
    }
    const foot = await page
      .locator('table.simulation tfoot tr')
      .evaluate((tr) =>
        Array.from(tr.children).map((c) => (c.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').trim()),
      )
    assert.deepEqual(
      foot.slice(1, 3).map(norm),
      expected.rules.map((r: Json) => withExpected(r.total, r.expected)),
    )
    await scan('procurer: simulation')
    await shot('dashboard-procurer-simulation')
  })
}

// ---- m. Provider: its own dashboard, nobody else's --------------------------------------------

async function providerWalk(w: World): Promise<void> {
  const pid = need(walk.pid, 'a programme')
  const key = need(walk.providerKey, 'a provider key')
  const procurer = need(walk.procurerKey, 'a procurer key')
  const runId = need(walk.runId, 'a fee run')
  // What must never reach provider A's screen: provider B's name, id, clients and figures.
  const scores = await api(w.base, procurer, 'GET', `/programmes/${pid}/scores`)
  const run = await api(w.base, procurer, 'GET', `/fee-runs/${runId}`)
  const b = scores.providers.find((p: Json) => p.name === PROVIDER_B.name)
  // A's own figures as its key gets them: released answers only (the procurer's may differ)
  const ownScores = await api(w.base, key, 'GET', `/programmes/${pid}/scores`)
  const ownDiag = await api(w.base, key, 'GET', `/programmes/${pid}/diagnostics`)
  const a = ownScores.providers.find((p: Json) => p.name === PROVIDER_A.name)
  const bTotal = run.providers.find((p: Json) => p.name === PROVIDER_B.name).total
  const aTotal = run.providers.find((p: Json) => p.name === PROVIDER_A.name).total
  const forbidden = [
    PROVIDER_B.name,
    PROVIDER_B.businessId,
    need(walk.ids.b, 'provider B'),
    ...CLIENTS.filter((c) => c.provider === 'b').map((c) => c.ref),
    ...(['fi', 'sv', 'en'] as const).flatMap((l) => [
      money(bTotal, l),
      num1(b.qualityIndex.mean, l),
      num1(b.qualityIndex.shrunk, l),
      num1(b.qualityIndex.ci95[1], l),
    ]),
  ]
  // The guard is only meaningful if none of these is also one of A's own figures.
  for (const f of forbidden)
    assert.ok(
      ![money(aTotal), num1(a.qualityIndex.mean), num1(a.qualityIndex.shrunk)].includes(f),
      `${f} is not also one of A's figures`,
    )
  // A figure counts as a whole number only: "13.3" is B's index, but not the time "13.38" of a run made then.
  const wholeFigure = (f: string) => new RegExp(`(?<![\\d.,])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\d])`)
  const assertOnlyOwn = async (page: Page, where: string) => {
    const html = norm(await page.content())
    const visible = norm(await renderedText(page.locator('body')))
    for (const f of forbidden) {
      assert.ok(!wholeFigure(f).test(html), `${where}: "${f}" (another provider's) is in the page`)
      assert.ok(!wholeFigure(f).test(visible), `${where}: "${f}" (another provider's) is on screen`)
    }
  }
  const apiBodies: string[] = []

  await dashboard(w, { locale: 'sv-FI' }, async ({ page, scan, shot }) => {
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/'))
        r.text().then(
          (t) => apiBodies.push(t),
          () => undefined,
        )
    })
    await page.goto(`${w.base}/provider/`)
    await page.waitForSelector('#access-key')
    assert.equal(await page.getAttribute('html', 'lang'), 'sv', 'a Swedish browser gets Swedish')
    assert.equal(await h1(page), 'Logga in')
    await scan('provider: sign-in (sv)')
    await shot('dashboard-provider-sign-in-sv')

    // A procurer key is turned away with a pointer to the right page.
    await page.getByLabel('Åtkomstnyckel').fill(procurer)
    await page.getByRole('button', { name: 'Logga in', exact: true }).click()
    await page.waitForSelector('.error-summary')
    assert.match(await text(page, '.error-summary'), /inte en leverantörsnyckel/)
    assert.equal(await page.evaluate(() => sessionStorage.getItem('laatu:key')), null)

    await page.getByLabel('Åtkomstnyckel').fill(key)
    await page.getByRole('button', { name: 'Logga in', exact: true }).click()
    await ready(page)
    assert.equal(await h1(page), `Leverantörsvy: ${PROVIDER_A.name}`)
    assert.equal(await page.evaluate(() => sessionStorage.getItem('laatu:key')), key)

    // Quality over time: the chart and its table; the last-12-months figures are the API's.
    await page.waitForFunction(
      () => ((document.querySelector('figure.chart canvas') as HTMLCanvasElement | null)?.width ?? 0) > 0,
    )
    const quarters = await tableRows(page, '#view table')
    // the last eight quarters, from the first with any invitations (no empty years before the programme)
    assert.ok(quarters.length >= 1 && quarters.length < 8, `from the first quarter with data: ${quarters.length} rows`)
    const withIndex = quarters.filter((r) => r[2] !== '–' && !r[2].includes('för få svar'))
    assert.ok(withIndex.length >= 1, 'some quarter has enough released answers to show')
    assert.match(
      norm(await renderedText(page.locator('.cards'))),
      new RegExp(num1(a.qualityIndex.mean, 'sv').replace('.', '\\.')),
    )
    assert.match(await text(page, 'main'), /för få svar för att visas/, 'the small-group note is there')
    await assertOnlyOwn(page, 'overview')
    await scan('provider: quality over time (sv)')
    await shot('dashboard-provider-overview-sv')

    await openView(page, 'Frågor')
    const items = await tableRows(page, '#view table')
    assert.equal(items.length, 5, 'five scored items')
    const marked = await page.locator('tr.high-cannot-say').count()
    assert.equal(marked, 1, 'one item has a high "cannot say" share')
    assert.match(norm(await renderedText(page.locator('tr.high-cannot-say'))), /Många "kan inte säga"-svar/)
    await assertOnlyOwn(page, 'items')
    await scan('provider: items (sv)')
    await shot('dashboard-provider-items-sv')

    await openView(page, 'Svarsfrekvenser')
    const allTables = norm(await renderedText(page.locator('#view')))
    const monthTotal = (k: string) => ownDiag.months.reduce((n: number, m: Json) => n + m[k], 0)
    assert.match(allTables, new RegExp(`Inbjudna ${monthTotal('invited')}`), 'A invited its clients')
    assert.match(allTables, new RegExp(`Besvarade ${monthTotal('completed')}`), 'released answers only')
    assert.doesNotMatch(allTables, /Öppnade|Påbörjade/, 'no single-link steps for a provider key')
    assert.match(allTables, /Leverantörernas median för svarsfrekvensen/)
    await assertOnlyOwn(page, 'responses')
    await scan('provider: response rates (sv)')
    await shot('dashboard-provider-responses-sv')

    await openView(page, 'Avvikelsesignaler')
    const flags = await page.locator('.flag').count()
    w.log(`    provider A integrity flags on screen: ${flags}`)
    if (flags > 0)
      assert.match(norm(await renderedText(page.locator('.flag').first())), /Underlag/, 'a flag shows its evidence')
    else assert.match(await text(page, '#view'), /Inga signaler/)
    await assertOnlyOwn(page, 'flags')
    await scan('provider: integrity flags (sv)')

    // English: the statement with every client line of A, money per locale.
    await page.getByRole('button', { name: 'English' }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    await ready(page)
    assert.equal(await page.evaluate(() => localStorage.getItem('laatu:lang')), 'en')
    await openView(page, 'Fee statements')
    await page.getByRole('link', { name: /^Show statement/ }).click()
    await page.waitForSelector('table.fee-lines')
    const lineRows = await tableRows(page, 'table.fee-lines')
    const ownRefs = CLIENTS.filter((c) => c.provider === 'a').map((c) => c.ref)
    assert.deepEqual(
      [...new Set(lineRows.map((r) => r[0]))].sort(),
      [...ownRefs, '(whole provider)'].sort(),
      'every client line of A, by reference, and the quality component as one line',
    )
    assert.match(
      norm(await renderedText(page.locator('.cards'))),
      new RegExp(money(aTotal, 'en').replace(/[.]/g, '\\.')),
      'en money',
    )
    // The run covers the last 365 days, not a whole month, quarter or year: its mean is named, and why no interval.
    assert.match(
      await text(page, '#statement-index-note'),
      /^The unweighted mean of your \d+ .*whole months, quarters and years/,
    )
    await assertOnlyOwn(page, 'fee statement (en)')
    await scan('provider: fee statement (en)')
    await shot('dashboard-provider-statement-en')
    const own = await downloadText(page, () =>
      page.getByRole('button', { name: 'Download client lines (CSV)' }).click(),
    )
    assert.ok(
      !own.body.includes(PROVIDER_B.name) && own.body.includes('KP-001'),
      "the provider's own lines.csv has only its own lines",
    )

    await page.getByRole('button', { name: 'Suomi' }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'fi')
    await page.waitForSelector('table.fee-lines')
    assert.match(
      norm(await renderedText(page.locator('.cards'))),
      new RegExp(money(aTotal, 'fi')),
      'fi money: 1 234,50 EUR',
    )
    assert.match(await h1(page), /^Palveluntuottajan näkymä/)
    await assertOnlyOwn(page, 'fee statement (fi)')
    await scan('provider: fee statement (fi)')

    // A reload keeps the session (this tab) and the language.
    await page.reload()
    await ready(page)
    assert.match(await h1(page), /^Palveluntuottajan näkymä/)

    // Sign out: the key leaves sessionStorage and the dashboard is gone.
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
    await page.waitForSelector('#access-key')
    assert.equal(await page.evaluate(() => sessionStorage.getItem('laatu:key')), null, 'sign-out clears the key')
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'nothing left in sessionStorage')
    assert.equal(await h1(page), 'Kirjaudu sisään')
    assert.match(await text(page, '#status'), /Kirjauduttu ulos/)
    await page.reload()
    assert.equal(await h1(page), 'Kirjaudu sisään', 'still signed out after a reload')
    await scan('provider: signed out (fi)')
  })
  // Not only the screen: no API answer the page received named provider B either.
  for (const body of apiBodies)
    for (const f of [PROVIDER_B.name, need(walk.ids.b, 'provider B')])
      assert.ok(!body.includes(f), `an API answer to the provider page carried ${f}`)
}

// ---- m2. Provider on a phone: from its key to its statement at 360 px ----------------------------

async function providerOnPhone(w: World): Promise<void> {
  const key = need(walk.providerKey, 'a provider key')
  need(walk.runId, 'a fee run')
  await dashboard(
    w,
    { locale: 'en-GB', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    async ({ page, scan, shot }) => {
      await page.goto(`${w.base}/provider/`)
      await page.waitForSelector('#access-key')
      await scan('provider: sign-in at 360 px (en)')
      await page.getByLabel('Access key').fill(key)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await ready(page)
      assert.equal(await h1(page), `Provider dashboard: ${PROVIDER_A.name}`)
      await page.waitForFunction(
        () => ((document.querySelector('figure.chart canvas') as HTMLCanvasElement | null)?.width ?? 0) > 0,
      )
      await scan('provider: quality over time at 360 px (en)')
      for (const view of ['Items', 'Response rates', 'Integrity flags']) {
        await openView(page, view)
        await scan(`provider: ${view.toLowerCase()} at 360 px (en)`)
      }
      await openView(page, 'Fee statements')
      await page.getByRole('link', { name: /^Show statement/ }).click()
      await page.waitForSelector('table.fee-lines')
      assert.ok(
        (await tableRows(page, 'table.fee-lines')).some((r) => r[0] === 'KP-001'),
        'its own client lines',
      )
      await assertNoSidewaysScroll(page, 'provider: fee statement at 360 px (en)')
      await scan('provider: fee statement at 360 px (en)')
      await shot('dashboard-phone-360-provider-statement-en')
      await page.getByRole('button', { name: 'Svenska' }).click()
      await page.waitForFunction(() => document.documentElement.lang === 'sv')
      await page.waitForSelector('table.fee-lines')
      assert.match(
        await text(page, '#statement-index-note'),
        /^Det oviktade medelvärdet .*hela månader, kvartal och år/,
      )
      await assertNoSidewaysScroll(page, 'provider: fee statement at 360 px (sv)')
      await scan('provider: fee statement at 360 px (sv)')
    },
  )
}

// ---- n. Phone width, bytes per page --------------------------------------------------------

async function phoneAndWeight(w: World): Promise<void> {
  const providerKey = need(walk.providerKey, 'a provider key')
  const procurerKey = need(walk.procurerKey, 'a procurer key')
  const pid = need(walk.pid, 'a programme')
  // Runs in the page before its scripts, with [key, role] passed by addInitScript.
  const seed = ([k, r]: string[]) => {
    if (!sessionStorage.getItem('laatu:key')) {
      sessionStorage.setItem('laatu:key', k)
      sessionStorage.setItem('laatu:role', r)
    }
  }
  const pages: Array<{ label: string; url: string; key?: string; role?: string }> = [
    { label: '/provider/ sign-in', url: '/provider/' },
    { label: '/provider/ quality over time (signed in)', url: '/provider/', key: providerKey, role: 'provider' },
    { label: '/procurer/ sign-in', url: '/procurer/' },
    { label: '/procurer/ programmes (signed in)', url: '/procurer/', key: procurerKey, role: 'procurer' },
    {
      label: '/procurer/ providers side by side (signed in)',
      url: `/procurer/#/p/${pid}/compare`,
      key: procurerKey,
      role: 'procurer',
    },
  ]
  for (const p of pages) {
    const context = await w.browser.newContext({ locale: 'fi-FI' })
    try {
      if (p.key) await context.addInitScript(seed, [p.key, p.role!])
      const page = await context.newPage()
      const weight = await measure(context, page, p.label, async () => {
        await page.goto(`${w.base}${p.url}`)
        if (p.key) await ready(page)
        else await page.waitForSelector('#access-key')
      })
      walk.weights.push(weight)
    } finally {
      await context.close()
    }
  }
  const weightsFile = join(SCREENSHOT_DIR, '..', 'dashboard-weights.json')
  writeFileSync(weightsFile, `${JSON.stringify(walk.weights, null, 2)}\n`)
  w.log(
    `    transferred bytes per page (cold cache, gzip as served by wrangler dev, headers included; every file in ${weightsFile}):`,
  )
  for (const x of walk.weights) {
    const largest = x.byPath.sort((m, n) => n.transferred - m.transferred).slice(0, 3)
    w.log(
      `    ${x.label}: ${x.requests} requests, ${kb(x.transferred)} transferred (${kb(x.decoded)} decoded); largest: ${largest.map((r) => `${r.path} ${kb(r.transferred)}`).join(', ')}`,
    )
  }
  const signInPages = walk.weights.filter((x) => x.label.includes('sign-in'))
  // Each role's own texts load with its key or views, not on sign-in (docs/PERFORMANCE.md)
  for (const x of signInPages)
    assert.ok(x.transferred < 40 * 1024, `${x.label}: ${kb(x.transferred)} (sign-in should stay under 40 KB)`)
  for (const x of walk.weights)
    assert.ok(
      x.transferred < 200 * 1024,
      `${x.label}: ${kb(x.transferred)} (a dashboard view should stay under 200 KB)`,
    )

  // 360 px phone: no sideways scrolling of the page itself (wide tables scroll in their own region).
  await dashboard(
    w,
    { locale: 'fi-FI', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    async ({ page, scan, shot }) => {
      await signIn(page, `${w.base}/provider/`, providerKey, 'Kirjaudu')
      await page.waitForFunction(
        () => ((document.querySelector('figure.chart canvas') as HTMLCanvasElement | null)?.width ?? 0) > 0,
      )
      await assertNoSidewaysScroll(page, 'provider overview')
      await shot('dashboard-phone-360-provider-overview')
      await openView(page, 'Kysymykset')
      await assertNoSidewaysScroll(page, 'provider items')
      await shot('dashboard-phone-360-provider-items')
      await scan('provider: items at 360 px')
      await page.getByRole('button', { name: 'Kirjaudu ulos' }).click()
      await signIn(page, `${w.base}/procurer/#/p/${pid}/episodes`, procurerKey, 'Kirjaudu')
      await assertNoSidewaysScroll(page, 'procurer episodes')
      await shot('dashboard-phone-360-procurer-episodes')
      await scan('procurer: episodes at 360 px')
    },
  )
}

/** The dashboard scenarios; they share one walk-through and run in this order. */
export function dashboardScenarios(adminToken: string): Scenario[] {
  return [
    {
      name: 'h. procurer dashboard: sign in, programme, providers, keys, fee rule (JSON field errors)',
      run: procurerSetUp(adminToken),
    },
    { name: 'i. procurer dashboard: CSV import with per-row errors, then the links', run: episodeImport },
    { name: 'j. procurer dashboard: providers side by side, public ratings link', run: sideBySide },
    { name: 'k. procurer dashboard: fee run, statement, both CSV downloads', run: feeRun },
    { name: 'l. procurer dashboard: simulation of two rules', run: simulation },
    { name: 'm. provider dashboard: own figures only (sv, en, fi), sign-out clears the key', run: providerWalk },
    { name: 'm2. provider dashboard on a 360 px phone: from its key to its statement (en, sv)', run: providerOnPhone },
    { name: 'n. dashboards: 360 px phone, transferred bytes per page', run: phoneAndWeight },
  ]
}
