// Issue 14: a procurer goes from an empty programme to a finalised fee run without typing JSON — the
// programme from its form, providers, episodes from a CSV file, a fee rule built with the rule form (base +
// result + quality, a field error shown at its field first), an outcome recorded with its form, the run
// computed and finalised. axe at 1280 and 360 px, no horizontal scroll at 360 px.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { api } from './api.ts'
import { isoDaysAgo } from './dashboards/data.ts'
import { dashboard, openView, ready, signIn, tableRows, text } from './dashboards.ts'
import type { Scenario, World } from './scenarios.ts'

const width = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

async function at360(page: Page, scan: (label: string) => Promise<void>, label: string): Promise<void> {
  await page.setViewportSize({ width: 360, height: 800 })
  assert.ok((await width(page)) <= 360, `${label}: no horizontal scroll at 360 px (${await width(page)})`)
  await scan(`${label} (360 px)`)
  await page.setViewportSize({ width: 1280, height: 900 })
}

function walkWithoutJson(adminToken: string) {
  return async (w: World) => {
    const created = await api(w.base, adminToken, 'POST', '/keys', { role: 'procurer', label: 'rule form walk' })
    const key = created.key as string
    await dashboard(
      w,
      { locale: 'fi-FI' },
      async ({ page, scan, shot }) => {
        page.on('dialog', (d) => void d.accept())
        const requests: string[] = []
        page.on('request', (r) => requests.push(r.url()))
        const refused: string[] = []
        page.on('response', (r) => {
          if (r.status() === 403) refused.push(r.url())
        })
        await signIn(page, `${w.base}/procurer/`, key, 'Kirjaudu')
        assert.ok(!requests.some((u) => /\/api\/v1\/keys/.test(u)), 'signing in does not probe the keys')

        // The programme from its form.
        await page.getByLabel('Ohjelman nimi').fill('Lomakeohjelma')
        await page.getByLabel('Alue', { exact: true }).fill('Uusimaa')
        const companySurvey = await page
          .getByLabel('Kysely asiakasyrityksille')
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '')
        assert.doesNotMatch(companySurvey, /cx-company|versio/, 'the survey by its title, not its identifier')
        await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
        await page.getByRole('button', { name: 'Perusta ohjelma' }).click()
        await page.waitForURL(/#\/p\/prg_[^/]+\/setup$/)
        await ready(page)
        const pid = /#\/p\/([^/]+)\/setup$/.exec(page.url())![1]

        // Providers.
        for (const name of ['Lomake Oy', 'Toinen Lomake Oy']) {
          await page.getByLabel('Palveluntuottajan nimi', { exact: true }).fill(name)
          await page.getByRole('button', { name: 'Lisää palveluntuottaja' }).click()
          await page.waitForSelector(`table.providers >> text=${name}`)
        }
        const { providers } = await api(w.base, key, 'GET', `/programmes/${pid}/providers`)
        const [a, b] = providers.map((p: { id: string }) => p.id)

        // Episodes from a CSV file.
        await openView(page, 'Palvelujaksot')
        const csv = [
          'providerId,customerType,externalRef,serviceType,startedOn,endedOn,riskClass,language,email',
          `${a},company,LOM-1,recruitment-coaching,${isoDaysAgo(60)},${isoDaysAgo(20)},,fi,`,
          `${b},company,LOM-2,recruitment-coaching,${isoDaysAgo(50)},${isoDaysAgo(15)},,fi,`,
        ].join('\n')
        await page
          .getByLabel('CSV-tiedosto', { exact: true })
          .setInputFiles({ name: 'jaksot.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) })
        await page.getByRole('button', { name: 'Tuo', exact: true }).click()
        await page.waitForSelector('#import-result .success')

        // The rule with the form: the example's parts removed, base + result + quality added.
        await openView(page, 'Palkkiosäännöt')
        while ((await page.locator('fieldset.component-form').count()) > 0)
          await page.locator('fieldset.component-form').first().getByRole('button', { name: 'Poista osa' }).click()
        const add = async (kind: string) => {
          await page.getByLabel('Lisättävä osa').selectOption({ label: kind })
          await page.getByRole('button', { name: 'Lisää osa' }).click()
        }
        await add('Perusmaksu')
        await add('Tulospalkkio')
        await add('Laatupalkkio asiakkaan vastauksen mukaan')
        const part = (i: number) => page.locator('fieldset.component-form').nth(i)
        await part(0).getByLabel('Summa asiakasta kohden').fill('-5')
        await part(1).getByLabel('Summa asiakasta kohden').fill('500')
        await part(1).getByLabel('Tulos viimeistään (päivää palvelun päättymisestä)').fill('92')
        assert.ok(
          await part(1).getByLabel('rekrytointi', { exact: true }).isChecked(),
          'recruitment by default, as a word',
        )
        await part(2).getByLabel('Enimmäissumma asiakasta kohden').fill('300')
        await page.getByRole('button', { name: 'Tallenna uutena versiona' }).click()
        await page.waitForSelector('#fee-rule-form .error-summary')
        const amount0 = part(0).getByLabel('Summa asiakasta kohden')
        assert.equal(await amount0.getAttribute('aria-invalid'), 'true', 'the error at its field')
        assert.match(await text(page, 'fieldset.component-form .field-error:not([hidden])'), /must not be negative/)
        await scan('procurer: rule form with a field error')
        await amount0.fill('800')
        // The JSON the form builds, one click away.
        await page.getByRole('button', { name: 'Näytä JSON' }).click()
        const built = JSON.parse(await page.locator('#rule-json').inputValue())
        assert.deepEqual(built.components[0], { type: 'base', perClient: 800 })
        assert.deepEqual(built.components[1], {
          type: 'result',
          outcome: 'recruitment',
          perClient: 500,
          withinDays: 92,
        })
        await page.getByRole('button', { name: 'Piilota JSON' }).click()
        await page.getByRole('button', { name: 'Tallenna uutena versiona' }).click()
        await page.waitForSelector('table.rule-versions')
        const versions = await tableRows(page, 'table.rule-versions')
        assert.match(
          versions[0][2],
          /Tulospalkkio 500,00 EUR asiakasta kohden, kun tuloksena on rekrytointi 92 päivän kuluessa/,
          'the version in words',
        )
        await scan('procurer: rule form (1280 px)')
        await shot('dashboard-procurer-rule-form')
        await at360(page, scan, 'procurer: rule form')

        // An outcome with its form.
        await openView(page, 'Palvelujaksot')
        await page.getByLabel('Asiakasviite', { exact: true }).fill('LOM-1')
        await page.getByLabel('Tulos', { exact: true }).selectOption('recruitment')
        await page.getByLabel('Päivä', { exact: true }).fill(isoDaysAgo(10))
        await page.getByRole('button', { name: 'Kirjaa tulos' }).click()
        await page.waitForSelector('#record-outcome .success')
        await scan('procurer: outcome recorded (1280 px)')
        await at360(page, scan, 'procurer: episodes and outcomes')

        // The run, finalised.
        await openView(page, 'Palkkiolaskennat')
        await page.getByLabel('Alkaen').fill(isoDaysAgo(90))
        await page.getByLabel('Päättyen').fill(isoDaysAgo(0))
        await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
        await page.getByRole('button', { name: 'Laske palkkiot' }).click()
        await page.waitForURL((u) => /\/runs\/run_[^/]+$/.test(u.hash))
        await ready(page)
        await page.waitForSelector('#statement-heading')
        const runId = /\/runs\/([^/]+)$/.exec(page.url())![1]
        await page.getByRole('button', { name: 'Vahvista lopulliseksi' }).click()
        await page.waitForFunction(() => document.querySelector('table.run-facts')?.textContent?.includes('Lopullinen'))
        const run = await api(w.base, key, 'GET', `/fee-runs/${runId}`)
        assert.equal(run.status, 'final')
        // Two base fees and one result fee (the quality fee: nobody answered).
        assert.equal(Number(run.owed), 2 * 800 + 500)
        await scan('procurer: finalised run')
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
      run: walkWithoutJson(adminToken),
    },
  ]
}
