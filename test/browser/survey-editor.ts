// Issue 15: a procurer writes a survey entirely in the dashboard. A copy of a built-in template (on the
// phone: the same survey uploaded as a SurveyJS file); an anchor
// made vague ("somewhat"), saved, and its finding shown at the question it concerns; publishing refused
// with the findings linked to where they are in the JSON; the anchor fixed; the real respondent page
// previewed at phone width in fi, sv and en; published as version 1 and listed; the downloaded JSON the
// stored one, unchanged. Written with the Finnish texts and run through the dashboards' dictionaries: in
// Finnish at 1280 px and in English on a 360 px phone. axe at each step, no sideways scroll, no CSP
// violation.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { api, type Language } from './api.ts'
import { isoDaysAgo } from './dashboards/data.ts'
import { dashboard, downloadText, openView, ready, signIn, tableRows, text } from './dashboards.ts'
import { inLanguage } from './dictionary.ts'
import { choose, clickAction } from './page-helpers.ts'
import { goto, type Scenario, type World, withContext } from './scenarios.ts'

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const LANGUAGE_NAMES = { fi: 'Suomi', sv: 'Svenska', en: 'English' } as const
const TEMPLATE_TEXT = readFileSync(resolve(import.meta.dirname, '../../surveys/cx-company/v2.json'), 'utf8')
const TEMPLATE = JSON.parse(TEMPLATE_TEXT) as { pages: Array<{ title: Record<Language, string> }> }

// The anchor the walk makes vague: need_clarity's second point, in English.
const CONCRETE = 'We have listed the tasks a new employee would do'
const VAGUE = 'We have somewhat listed the tasks'

/** What the wide walk leaves for the programme walk after it: its key and the survey it published. */
const authored: { key?: string; surveyId?: string } = {}

type Say = (key: string, ...args: unknown[]) => string
/** The editor's own texts in `lang` (lang/surveys-<lang>.js), with their arguments filled in. */
async function textsOf(lang: Language): Promise<Say> {
  const texts = (await import(`../../public/app/lang/surveys-${lang}.js`)).default as Record<string, unknown>
  return (key, ...args) => {
    const v = texts[key]
    if (v === undefined) throw new Error(`no text "${key}" in ${lang}`)
    return typeof v === 'function' ? String(v(...args)) : String(v)
  }
}

/** The counts the findings panel shows, as the live region must say them after a save. */
async function findingCounts(page: Page) {
  return {
    errors: await page.locator('#findings .finding.error').count(),
    warnings: await page.locator('#findings .finding.warning').count(),
  }
}

/**
 * Clicks a control after scrolling it into view: with Chromium 150 and Playwright 1.65 a click that scrolls
 * a long page itself lands where the control was before the scroll (here: in the preview's frame).
 */
async function press(control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded()
  await control.click()
}

async function status(page: Page, expected: string): Promise<void> {
  await page.waitForFunction((t) => document.getElementById('status')?.textContent === t, expected)
}

async function save(page: Page, l: (fi: string, key?: string) => string, say: Say): Promise<void> {
  await page.evaluate(() => {
    const s = document.getElementById('status')
    if (s) s.textContent = ''
  })
  await press(page.getByRole('button', { name: l('Tallenna luonnos', 'saveDraft') }))
  await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '') !== '')
  const { errors, warnings } = await findingCounts(page)
  assert.equal(await text(page, '#status'), say('draftSaved', errors, warnings), 'the save and its check announced')
}

function authorSurvey(adminToken: string, lang: Language, phone: boolean) {
  const l = (fi: string, key?: string) => inLanguage(lang, fi, key)
  const suffix = `${lang}, ${phone ? 360 : 1280} px`
  const surveyId = `yrittajapolku-${lang}-${phone ? 'phone' : 'wide'}`
  return async (w: World) => {
    const say = await textsOf(lang)
    const created = await api(w.base, adminToken, 'POST', '/keys', { role: 'procurer', label: 'survey editor walk' })
    const key = created.key as string
    if (!phone) Object.assign(authored, { key, surveyId })
    await dashboard(
      w,
      { locale: LOCALES[lang], ...(phone ? PHONE : {}) },
      async ({ page, scan, shot }) => {
        await signIn(page, `${w.base}/procurer/`, key, l('Kirjaudu'))
        await openView(page, l('Kyselyt', 'navSurveys'))
        await scan(`procurer: surveys (${suffix})`)

        // The built-in company survey, version 2: on the wide screen copied as a template, on the phone
        // uploaded as a SurveyJS file (what SurveyJS Creator saves).
        await page.getByLabel(l('Kyselyn tunniste', 'surveyId')).fill(surveyId)
        await page.getByLabel(l('Kyselyn nimi', 'surveyTitle')).fill(`Yrittäjäpolku ${lang}`)
        if (phone) {
          await page.getByLabel(l('SurveyJS-JSONista (liitä tai lue tiedostosta)', 'startFrom_json')).check()
          await page.getByLabel(l('Asiakastyyppi', 'customerType'), { exact: true }).selectOption('company')
          await page
            .getByLabel(l('JSON-tiedosto', 'jsonFile'), { exact: true })
            .setInputFiles({ name: 'kysely.json', mimeType: 'application/json', buffer: Buffer.from(TEMPLATE_TEXT) })
          await status(page, say('fileRead', 'kysely.json'))
          const pasted = page.locator('#create-survey').getByLabel(l('Kyselyn JSON (SurveyJS)', 'surveyJson'))
          assert.equal(await pasted.inputValue(), TEMPLATE_TEXT, 'the file read into the field')
        } else await page.getByLabel(l('Malli', 'template'), { exact: true }).selectOption('cx-company@2')
        await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
        await press(page.getByRole('button', { name: l('Luo kysely', 'createSurvey') }))
        await page.waitForURL((u) => u.hash === `#/surveys/${surveyId}`)
        await ready(page)
        assert.equal(await page.locator('#findings .finding.error').count(), 0, 'the built-in survey has no errors')
        const textarea = page.getByLabel(l('Kyselyn JSON (SurveyJS)', 'surveyJson'))

        // An anchor made vague: saved, its finding at its question, the count announced.
        const original = await textarea.inputValue()
        assert.ok(original.includes(CONCRETE), 'the anchor to make vague is in the JSON')
        await textarea.fill(original.replace(CONCRETE, VAGUE))
        await save(page, l, say)
        const group = page.locator('#findings .finding-group[data-question="need_clarity"]')
        await group.locator('.finding.error').first().waitFor()
        assert.match(await text(page, '#findings [data-question="need_clarity"] .finding.error'), /somewhat/)
        assert.match(
          await text(page, '#findings [data-question="need_clarity"] .finding.error code'),
          /^pages\[0\]\.elements\[0\]\.choices\[1\]/,
          'the finding names its path',
        )
        await scan(`procurer: survey draft with a vague anchor (${suffix})`)
        await shot(`dashboard-procurer-survey-finding-${lang}-${phone ? 360 : 1280}`)

        // Publishing refused, the reasons linked to the JSON.
        await press(page.getByRole('button', { name: say('publishAs', 1) }))
        const refusal = page.locator('#publish-survey .error-summary')
        await refusal.waitFor()
        assert.ok(await refusal.evaluate((e) => e === document.activeElement), 'the refusal takes focus')
        assert.match(await text(page, '#publish-survey .error-summary'), /somewhat/)
        await press(refusal.getByRole('link').first())
        const selected = await textarea.evaluate((t: HTMLTextAreaElement) => ({
          focused: t === document.activeElement,
          text: t.value.slice(t.selectionStart, t.selectionEnd),
        }))
        assert.ok(selected.focused, 'the link moves focus to the JSON')
        assert.match(selected.text, /somewhat/, 'and selects the value the finding is about')
        await scan(`procurer: publishing refused (${suffix})`)

        // Fixed and saved: no error left.
        await textarea.fill((await textarea.inputValue()).replace(VAGUE, CONCRETE))
        await save(page, l, say)
        assert.equal(await page.locator('#findings .finding.error').count(), 0, 'no error after the fix')

        // The real respondent page at phone width, in each language, page by page.
        const preview = page.locator('.survey-preview')
        const frame = page.frameLocator('iframe.preview-frame')
        const box = await page.locator('iframe.preview-frame').boundingBox()
        assert.ok(box && box.width <= 360 && box.width >= (phone ? 300 : 360), `phone width (${box?.width} px)`)
        assert.equal(await page.locator('iframe.preview-frame').getAttribute('sandbox'), '', 'no scripts, no forms')
        for (const code of ['fi', 'sv', 'en'] as const) {
          await press(preview.getByRole('button', { name: LANGUAGE_NAMES[code] }))
          await frame.locator(`html[lang="${code}"]`).waitFor({ state: 'attached' })
          await frame.locator('form#survey h2', { hasText: TEMPLATE.pages[0].title[code] }).waitFor()
          await press(preview.getByRole('button', { name: l('Seuraava sivu', 'nextPage') }))
          await frame.locator('form#survey h2', { hasText: TEMPLATE.pages[1].title[code] }).waitFor()
          await press(preview.getByRole('button', { name: l('Edellinen sivu', 'previousPage') }))
          await frame.locator('form#survey h2', { hasText: TEMPLATE.pages[0].title[code] }).waitFor()
        }
        await scan(`procurer: survey preview (${suffix})`)
        await shot(`dashboard-procurer-survey-preview-${lang}-${phone ? 360 : 1280}`)

        // Published as version 1, listed with the programmes that use it (none yet).
        await press(page.getByRole('button', { name: say('publishAs', 1) }))
        await status(page, say('publishedVersion', 1))
        const versions = await tableRows(page, 'table.survey-versions')
        assert.equal(versions.length, 1)
        assert.match(versions[0][0], new RegExp(say('versionN', 1)))
        assert.ok(
          versions[0].some((cell) => cell.includes(say('notUsed'))),
          'not used yet',
        )
        await scan(`procurer: survey published (${suffix})`)

        // The downloaded JSON is the stored one, and the published version is that JSON.
        const download = await downloadText(page, () =>
          press(page.getByRole('button', { name: l('Lataa JSON (SurveyJS Creatoriin)', 'downloadJson') })),
        )
        assert.equal(download.name, `${surveyId}.json`)
        const stored = await api(w.base, key, 'GET', `/surveys/${surveyId}/draft`)
        assert.deepEqual(JSON.parse(download.body), stored.json, 'the download is the stored draft')
        // The uploaded file, edited and put back, comes back byte for byte (the file is JSON.stringify's form).
        if (phone) assert.equal(download.body, TEMPLATE_TEXT, 'the uploaded file downloads unchanged')
        const v1 = await api(w.base, key, 'GET', `/surveys/${surveyId}/versions/1`)
        assert.deepEqual(v1.definition, stored.json, 'version 1 is the JSON as written')

        // The list shows it published.
        await openView(page, l('Kyselyt', 'navSurveys'))
        const rows = await tableRows(page, 'table.authored-surveys')
        const row = rows.find((r) => r.some((c) => c.includes(surveyId)))
        assert.ok(
          row?.some((c) => c.includes(say('versionN', 1))),
          'the list says version 1',
        )
        await scan(`procurer: surveys with one published (${suffix})`)
      },
      [key],
    )
  }
}

/**
 * The published survey in use: a programme whose company clients get it, three episodes imported, each
 * client answering on the survey page without JavaScript, the provider's scores and item statistics
 * from those answers.
 */
async function programmeUsesIt(w: World): Promise<void> {
  const key = authored.key
  const surveyId = authored.surveyId
  if (!key || !surveyId) throw new Error('scenario u did not publish a survey')
  const refs = ['KYS-1', 'KYS-2', 'KYS-3']
  const links: string[] = []
  let providerKey = ''
  await dashboard(
    w,
    { locale: 'fi-FI' },
    async ({ page, scan }) => {
      await signIn(page, `${w.base}/procurer/`, key, 'Kirjaudu')
      await page.getByLabel('Ohjelman nimi').fill('Kyselypolku')
      await page.getByLabel('Alue', { exact: true }).fill('Pirkanmaa')
      await page.getByLabel('Kysely asiakasyrityksille').selectOption(surveyId)
      await page.getByLabel('Julkaisuun tarvittavat vastaukset').fill('1')
      await page.getByLabel('Pienin näytettävä ryhmä').fill('3')
      await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
      await press(page.getByRole('button', { name: 'Perusta ohjelma' }))
      await page.waitForURL(/#\/p\/prg_[^/]+\/setup$/)
      await ready(page)
      await page.getByLabel('Palveluntuottajan nimi', { exact: true }).fill('Kyselypolku Oy')
      await press(page.getByRole('button', { name: 'Lisää palveluntuottaja' }))
      await page.waitForSelector('table.providers >> text=Kyselypolku Oy')
      await page.getByLabel('Avaimen laji').selectOption('provider')
      await page.locator('#create-key').getByLabel('Nimi', { exact: true }).fill('Kyselypolku, raportit')
      await press(page.getByRole('button', { name: 'Luo avain' }))
      await page.waitForSelector('#new-key')
      providerKey = await page.inputValue('#new-key')

      // Three company clients from a CSV file; their links shown to the procurer (no contact data).
      const pid = /#\/p\/([^/]+)\/setup$/.exec(page.url())![1]
      const { providers } = await api(w.base, key, 'GET', `/programmes/${pid}/providers`)
      await openView(page, 'Palvelujaksot')
      const csv = [
        'providerId,customerType,externalRef,serviceType,startedOn,endedOn,riskClass,language,email',
        ...refs.map(
          (ref) => `${providers[0].id},company,${ref},recruitment-coaching,${isoDaysAgo(40)},${isoDaysAgo(5)},,fi,`,
        ),
      ].join('\n')
      await page
        .getByLabel('CSV-tiedosto', { exact: true })
        .setInputFiles({ name: 'jaksot.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) })
      await press(page.getByRole('button', { name: 'Tuo', exact: true }))
      await page.waitForSelector('table.invitation-links')
      links.push(
        ...(await page
          .locator('table.invitation-links tbody tr a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))),
      )
      assert.equal(links.length, refs.length, 'a link per client')
      await scan('procurer: episodes invited with the authored survey')

      // The survey's versions say which programme uses them, with its invitations.
      await openView(page, 'Kaikki ohjelmat')
      await openView(page, 'Kyselyt')
      await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
      await press(page.locator('table.authored-surveys').getByRole('link', { name: 'Yrittäjäpolku fi' }))
      await ready(page)
      const versions = await tableRows(page, 'table.survey-versions')
      assert.match(versions[0].at(-1)!, /Kyselypolku \(kutsuja 3\)/, 'version 1 used by the programme')
      await scan('procurer: survey versions in use')
    },
    [key],
  )

  // Each client answers on the page the server renders, without JavaScript.
  const page0 = ['need_clarity', 'employer_obligations', 'recruitment_plan']
  const page1 = ['candidate_channels', 'recruitment_decision']
  for (const [i, url] of links.entries()) {
    const token = new URL(url).pathname.split('/').pop()!
    const state = await api(w.base, null, 'GET', `/respond/${token}`)
    assert.deepEqual([state.surveyId, state.version], [surveyId, 1], 'invited with the authored version 1')
    await withContext(w, { locale: 'fi-FI', javaScriptEnabled: false }, async (_context, respondent) => {
      await goto(respondent, url)
      for (const q of page0) await choose(respondent, q, 4 - (i % 2))
      await clickAction(respondent, 'next')
      for (const q of page1) await choose(respondent, q, 3)
      await clickAction(respondent, 'complete')
      assert.match(
        await respondent
          .locator('h1, h2')
          .allInnerTexts()
          .then((t) => t.join(' ')),
        /Kiitos vastauksistasi/,
      )
    })
  }

  // Its scores and item statistics, on the provider's own dashboard.
  await dashboard(
    w,
    { locale: 'fi-FI' },
    async ({ page, scan, shot }) => {
      await signIn(page, `${w.base}/provider/`, providerKey, 'Kirjaudu')
      // Clients 1 and 3 answered 4,4,4,3,3 (index 86.7), client 2 3,3,3,3,3 (66.7) on 1..4 scales: mean 80.0.
      const overview = await text(page, '#view')
      assert.match(overview, /Vastauksia 3/)
      assert.match(overview, /Painottamaton indeksi \(95 %:n luottamusväli\) 80,0/)
      await shot('dashboard-provider-authored-overview')
      await scan('provider: overview from the authored survey')
      await openView(page, 'Kysymykset')
      const items = await text(page, '#view')
      assert.ok(items.includes(`${surveyId}, versio 1`), 'the item statistics of the authored version')
      assert.match(items, /3 valmista vastausta/)
      // Items on the first page: 4, 3, 4 -> (100 + 66.7 + 100) / 3; on the second: 3, 3, 3 -> 66.7.
      assert.match(items, /1\. Mikä väite kuvaa yrityksesi rekrytointitarvetta nyt\? 88,9/)
      assert.match(items, /4\. Mikä väite kuvaa sitä, miten löydätte työnhakijoita\? 66,7/)
      await shot('dashboard-provider-authored-items')
      await scan('provider: items of the authored survey')
    },
    [providerKey],
  )
}

export function surveyEditorScenarios(adminToken: string): Scenario[] {
  return [
    {
      name: 'u. survey editor: template, vague anchor found at its question, publish refused, fixed, previewed in fi/sv/en, published (fi, 1280 px)',
      run: authorSurvey(adminToken, 'fi', false),
    },
    {
      name: 'u2. survey editor on a 360 px phone in English: an uploaded SurveyJS file to a published version',
      run: authorSurvey(adminToken, 'en', true),
    },
    {
      name: 'u3. survey editor: a programme invites with the published survey, clients answer without JavaScript, its scores and item statistics show',
      run: programmeUsesIt,
    },
  ]
}
