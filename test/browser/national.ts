// Issue 16, the ministry's view: the admin makes a national key through the API, and /national signs in with it,
// draws the comparison of two programmes of the company survey (chart and one table per programme) and is
// axe-clean in Finnish, Swedish and English at 1280 px and at 360 px, with the locale's number format.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { api } from './api.ts'
import { answersOf } from './dashboards/data.ts'
import { dashboard, ready, signIn, text } from './dashboards.ts'
import type { Scenario } from './scenarios.ts'

/** A day in the middle of the last whole month: within the page's default period, the last 12 whole months. */
function lastMonthMid(): string {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 10)
}

/** A programme whose providers each get five answers (one whole group of minGroup 5, and minResponses 5). */
async function seedProgramme(base: string, admin: string, name: string, region: string, providers: string[]) {
  const programme = await api(base, admin, 'POST', '/programmes', {
    name,
    region,
    currency: 'EUR',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    publication: { minResponses: 5, cautionBelow: 5, minGroup: 5 },
  })
  const ids: string[] = []
  for (const p of providers)
    ids.push((await api(base, admin, 'POST', `/programmes/${programme.id}/providers`, { name: p })).id)
  const ended = lastMonthMid()
  const clients = ids.flatMap((id, k) => Array.from({ length: 6 }, (_, i) => ({ id, ref: `NAT-${name}-${k}-${i}`, i })))
  const { episodes } = await api(base, admin, 'POST', `/programmes/${programme.id}/episodes`, {
    episodes: clients.map((c) => ({
      providerId: c.id,
      customerType: 'company',
      externalRef: c.ref,
      startedOn: ended,
      endedOn: ended,
    })),
  })
  // Five of each provider's six clients answer; the positions differ by provider so the indices do.
  for (const [k, c] of clients.entries()) {
    if (c.i === 5) continue
    const level = 1 + ((ids.indexOf(c.id) + c.i) % 4)
    await api(base, null, 'PUT', `/respond/${episodes[k].invitation.token}`, {
      answers: answersOf([level, level, 4, 3, level]),
      complete: true,
    })
  }
  return programme.id as string
}

/** The first provider's index in the table of programme A (captions name the programme and its region). */
async function firstIndex(page: Page): Promise<string> {
  const table = page.locator('#view table').filter({ has: page.locator('caption', { hasText: 'Kansallinen A' }) })
  return (await table.locator('tbody tr').first().locator('td').first().textContent()) ?? ''
}

export function nationalScenarios(admin: string): Scenario[] {
  return [
    {
      name: 'national: a national key reads the comparison page, axe-clean in fi/sv/en at 1280 and 360 px',
      async run(w) {
        await seedProgramme(w.base, admin, 'Kansallinen A', 'Pohjois-Savo', ['Alfa Oy', 'Beta Oy', 'Gamma Oy'])
        await seedProgramme(w.base, admin, 'Kansallinen B', 'Lappi', ['Delta Oy', 'Epsilon Oy'])
        const key = (await api(w.base, admin, 'POST', '/keys', { role: 'national', label: 'Ministeriö' })).key as string
        // The national key reads nothing else.
        const refused = await fetch(`${w.base}/api/v1/programmes`, { headers: { authorization: `Bearer ${key}` } })
        assert.equal(refused.status, 403)
        // A fresh context per width (as the other dashboard scenarios do): each page is drawn for its own viewport.
        await dashboard(
          w,
          { locale: 'fi-FI' },
          async ({ page, scan, shot }) => {
            await signIn(page, `${w.base}/national/`, key, 'Kirjaudu')
            assert.equal(await text(page, 'h1'), 'Kansallinen vertailu')
            const captions = await page.locator('#view table caption').allTextContents()
            assert.ok(
              captions.some((c) => c.includes('Kansallinen A – Pohjois-Savo')),
              captions.join(' | '),
            )
            assert.ok(
              captions.some((c) => c.includes('Kansallinen B – Lappi')),
              captions.join(' | '),
            )
            await page.waitForSelector('#view figure.chart canvas')
            // Finnish figures: a decimal comma in the index column of this walk's programme (the programmes of the
            // earlier scenarios that use the company survey come first where their region sorts first).
            assert.match(await firstIndex(page), /\d,\d/)
            await scan('national fi 1280')
            await shot('national-fi-1280')
            for (const [lang, heading, decimal] of [
              ['Svenska', 'Nationell jämförelse', /\d,\d/],
              ['English', 'National comparison', /\d\.\d/],
            ] as const) {
              await page.getByRole('button', { name: lang, exact: true }).click()
              await page.waitForFunction((h) => document.querySelector('h1')?.textContent === h, heading)
              await ready(page)
              assert.match(await firstIndex(page), decimal)
              await scan(`national ${lang} 1280`)
            }
          },
          [key],
        )
        await dashboard(
          w,
          { locale: 'fi-FI', viewport: { width: 360, height: 800 }, isMobile: true },
          async ({ page, scan, shot }) => {
            await signIn(page, `${w.base}/national/`, key, 'Kirjaudu')
            await page.waitForSelector('#view figure.chart canvas')
            await scan('national fi 360')
            await shot('national-fi-360')
            await page.getByRole('button', { name: 'English', exact: true }).click()
            await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'National comparison')
            await ready(page)
            await scan('national en 360')
          },
          [key],
        )
      },
    },
  ]
}
