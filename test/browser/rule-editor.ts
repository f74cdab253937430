// Issue 14: a procurer goes from an empty programme to a finalised fee run without typing JSON — the
// programme from its form, providers, episodes from a CSV file, a fee rule built with the rule form (base +
// result + quality, a field error shown at its field first), an outcome recorded with its form, the run
// computed and finalised. axe at 1280 and 360 px, no horizontal scroll at either. The walk is written with
// the Finnish texts and runs in any language through the dashboards' dictionaries: in Finnish at 1280 px
// (each view also at 360 px), and in Swedish and English on a 360 px phone from start to end.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { api, type Language } from './api.ts'
import { isoDaysAgo } from './dashboards/data.ts'
import { dashboard, openView, ready, signIn, tableRows, text } from './dashboards.ts'
import { inLanguage } from './dictionary.ts'
import { assertNoSidewaysScroll } from './page-helpers.ts'
import type { Scenario, World } from './scenarios.ts'

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

function walkWithoutJson(adminToken: string, lang: Language, phone: boolean) {
  const l = (fi: string, key?: string) => inLanguage(lang, fi, key)
  const suffix = `${lang}, ${phone ? 360 : 1280} px`
  return async (w: World) => {
    const created = await api(w.base, adminToken, 'POST', '/keys', { role: 'procurer', label: 'rule form walk' })
    const key = created.key as string
    /** On the wide walk, the view once more at 360 px (the phone walk is there already). */
    const at360 = async (page: Page, scan: (label: string) => Promise<void>, label: string) => {
      if (phone) return
      await page.setViewportSize({ width: 360, height: 800 })
      await assertNoSidewaysScroll(page, label)
      await scan(`${label} (360 px)`)
      await page.setViewportSize({ width: 1280, height: 900 })
    }
    await dashboard(
      w,
      { locale: LOCALES[lang], ...(phone ? PHONE : {}) },
      async ({ page, scan, shot }) => {
        page.on('dialog', (d) => void d.accept())
        const requests: string[] = []
        page.on('request', (r) => requests.push(r.url()))
        const refused: string[] = []
        page.on('response', (r) => {
          if (r.status() === 403) refused.push(r.url())
        })
        await signIn(page, `${w.base}/procurer/`, key, l('Kirjaudu'))
        assert.ok(!requests.some((u) => /\/api\/v1\/keys/.test(u)), 'signing in does not probe the keys')

        // The programme from its form.
        await page.getByLabel(l('Ohjelman nimi')).fill('Lomakeohjelma')
        await page.getByLabel(l('Alue'), { exact: true }).fill('Uusimaa')
        const companySurvey = await page
          .getByLabel(l('Kysely asiakasyrityksille'))
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '')
        assert.doesNotMatch(companySurvey, /cx-company|versio/, 'the survey by its title, not its identifier')
        await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
        await page.getByRole('button', { name: l('Perusta ohjelma', 'createProgramme') }).click()
        await page.waitForURL(/#\/p\/prg_[^/]+\/setup$/)
        await ready(page)
        const pid = /#\/p\/([^/]+)\/setup$/.exec(page.url())![1]

        // Providers.
        for (const name of ['Lomake Oy', 'Toinen Lomake Oy']) {
          await page.getByLabel(l('Palveluntuottajan nimi'), { exact: true }).fill(name)
          await page.getByRole('button', { name: l('Lisää palveluntuottaja', 'addProvider') }).click()
          await page.waitForSelector(`table.providers >> text=${name}`)
        }
        const { providers } = await api(w.base, key, 'GET', `/programmes/${pid}/providers`)
        const [a, b] = providers.map((p: { id: string }) => p.id)

        // Episodes from a CSV file.
        await openView(page, l('Palvelujaksot', 'navEpisodes'))
        const csv = [
          'providerId,customerType,externalRef,serviceType,startedOn,endedOn,riskClass,language,email',
          `${a},company,LOM-1,recruitment-coaching,${isoDaysAgo(60)},${isoDaysAgo(20)},,fi,`,
          `${b},company,LOM-2,recruitment-coaching,${isoDaysAgo(50)},${isoDaysAgo(15)},,fi,`,
        ].join('\n')
        await page
          .getByLabel(l('CSV-tiedosto'), { exact: true })
          .setInputFiles({ name: 'jaksot.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) })
        await page.getByRole('button', { name: l('Tuo'), exact: true }).click()
        await page.waitForSelector('#import-result .success')

        // The rule with the form: the example's parts removed, base + result + quality added.
        await openView(page, l('Palkkiosäännöt', 'navRules'))
        while ((await page.locator('fieldset.component-form').count()) > 0)
          await page
            .locator('fieldset.component-form')
            .first()
            .getByRole('button', { name: l('Poista osa') })
            .click()
        const add = async (kind: string) => {
          await page.getByLabel(l('Lisättävä osa')).selectOption({ label: kind })
          await page.getByRole('button', { name: l('Lisää osa') }).click()
        }
        await add(l('Perusmaksu', 'kind_base'))
        await add(l('Tulospalkkio', 'kind_result'))
        await add(l('Laatupalkkio asiakkaan vastauksen mukaan'))
        const part = (i: number) => page.locator('fieldset.component-form').nth(i)
        await part(0).getByLabel(l('Summa asiakasta kohden')).fill('-5')
        await part(1).getByLabel(l('Summa asiakasta kohden')).fill('500')
        await part(1).getByLabel(l('Tulos viimeistään (päivää palvelun päättymisestä)')).fill('92')
        assert.ok(
          await part(1).getByLabel(l('rekrytointi'), { exact: true }).isChecked(),
          'recruitment by default, as a word',
        )
        await part(2).getByLabel(l('Enimmäissumma asiakasta kohden')).fill('300')
        await page.getByRole('button', { name: l('Tallenna uutena versiona') }).click()
        await page.waitForSelector('#fee-rule-form .error-summary')
        const amount0 = part(0).getByLabel(l('Summa asiakasta kohden'))
        assert.equal(await amount0.getAttribute('aria-invalid'), 'true', 'the error at its field')
        assert.match(await text(page, 'fieldset.component-form .field-error:not([hidden])'), /must not be negative/)
        await scan(`procurer: rule form with a field error (${suffix})`)
        await amount0.fill('800')
        // The JSON the form builds, one click away.
        await page.getByRole('button', { name: l('Näytä JSON') }).click()
        const built = JSON.parse(await page.locator('#rule-json').inputValue())
        assert.deepEqual(built.components[0], { type: 'base', perClient: 800 })
        assert.deepEqual(built.components[1], {
          type: 'result',
          outcome: 'recruitment',
          perClient: 500,
          withinDays: 92,
        })
        await page.getByRole('button', { name: l('Piilota JSON') }).click()
        await page.getByRole('button', { name: l('Tallenna uutena versiona') }).click()
        await page.waitForSelector('table.rule-versions')
        const versions = await tableRows(page, 'table.rule-versions')
        if (lang === 'fi')
          assert.match(
            versions[0][2],
            /Tulospalkkio 500,00 EUR asiakasta kohden, kun tuloksena on rekrytointi 92 päivän kuluessa/,
            'the version in words',
          )
        else assert.ok(versions[0][2].includes(l('rekrytointi')), `the version in words (${lang})`)
        await scan(`procurer: rule form (${suffix})`)
        await shot(`dashboard-procurer-rule-form-${lang}-${phone ? 360 : 1280}`)
        await at360(page, scan, 'procurer: rule form')

        // An outcome with its form.
        await openView(page, l('Palvelujaksot', 'navEpisodes'))
        await page.getByLabel(l('Asiakasviite'), { exact: true }).fill('LOM-1')
        await page.getByLabel(l('Tulos', 'outcomeType'), { exact: true }).selectOption('recruitment')
        await page.getByLabel(l('Päivä'), { exact: true }).fill(isoDaysAgo(10))
        await page.getByRole('button', { name: l('Kirjaa tulos'), exact: true }).click()
        await page.waitForSelector('#record-outcome .success')
        await scan(`procurer: outcome recorded (${suffix})`)
        await at360(page, scan, 'procurer: episodes and outcomes')

        // The run, finalised.
        await openView(page, l('Palkkiolaskennat', 'navRuns'))
        await page.getByLabel(l('Alkaen')).fill(isoDaysAgo(90))
        await page.getByLabel(l('Päättyen')).fill(isoDaysAgo(0))
        await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
        await page.getByRole('button', { name: l('Laske palkkiot', 'runFees') }).click()
        await page.waitForURL((u) => /\/runs\/run_[^/]+$/.test(u.hash))
        await ready(page)
        await page.waitForSelector('#statement-heading')
        const runId = /\/runs\/([^/]+)$/.exec(page.url())![1]
        await page.getByRole('button', { name: l('Vahvista lopulliseksi') }).click()
        await page.waitForFunction(
          (final) => document.querySelector('table.run-facts')?.textContent?.includes(final),
          l('Lopullinen'),
        )
        const run = await api(w.base, key, 'GET', `/fee-runs/${runId}`)
        assert.equal(run.status, 'final')
        // Two base fees and one result fee (the quality fee: nobody answered).
        assert.equal(Number(run.owed), 2 * 800 + 500)
        await scan(`procurer: finalised run (${suffix})`)
        if (phone && lang === 'en') {
          // Every other view of the navigation on the phone as well (each is checked at 1280 px elsewhere).
          const hrefs = await page
            .locator('nav.views a:not([aria-current="page"])')
            .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
          // the programme's own views first: "all programmes" leaves the programme (and its navigation)
          hrefs.sort((a, b) => Number(!a.includes('/p/')) - Number(!b.includes('/p/')))
          for (const href of hrefs) {
            await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
            await page.locator(`nav.views a[href="${href}"]`).click()
            await ready(page)
            await scan(`procurer: ${href.replace(/^#\/p\/[^/]+/, '')} (${suffix})`)
          }
        }
        assert.deepEqual(refused, [], 'no request the key may not make')
      },
      [key],
    )
  }
}

export function ruleEditorScenarios(adminToken: string): Scenario[] {
  return [
    {
      name: 't. procurer dashboard: empty programme to a finalised run without JSON (rule form, outcome form)',
      run: walkWithoutJson(adminToken, 'fi', false),
    },
    {
      name: 't2. procurer dashboard on a 360 px phone in Swedish: empty programme to a finalised run without JSON',
      run: walkWithoutJson(adminToken, 'sv', true),
    },
    {
      name: 't3. procurer dashboard on a 360 px phone in English: empty programme to a finalised run without JSON',
      run: walkWithoutJson(adminToken, 'en', true),
    },
  ]
}
