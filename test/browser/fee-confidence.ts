// Fee confidence on the procurer's run view: the lines most at risk of misclassification, least sure first,
// in Finnish, Swedish and English at 1280 px and as cards at 360 px. Seeds its own programme through the API
// (a provider-level steps component and a quality pool, two providers near their thresholds), so it needs
// no other scenario.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { Json } from '../../scripts/api-client.ts'
import { isoDaysAgo } from './dashboards/data.ts'
import { dashboard, ready, signIn, tableRows, text } from './dashboards.ts'
import { type FeeRunSeed, money, seedFeeRun } from './fee-run-seed.ts'
import type { Scenario, World } from './scenarios.ts'

const RULE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 100 },
    {
      type: 'quality',
      basis: 'provider',
      perClientMax: 500,
      minResponseRate: 0,
      // four and five answers: below the default minimum of 10, where no threshold would decide the fee
      minResponses: 2,
      scoring: {
        mode: 'steps',
        steps: [
          { minIndex: 80, share: 1 },
          { minIndex: 60, share: 0.5 },
        ],
      },
    },
    { type: 'qualityPool', amount: 1000, threshold: 50, minResponses: 2, minResponseRate: 0 },
  ],
}

// A's index sits near the step 80, B's near the pool threshold 50 and the step 60.
const ANSWERS: Record<'a' | 'b', number[][]> = {
  a: [
    [4, 4, 4, 3, 3],
    [4, 3, 3, 4, 4],
    [3, 3, 4, 4, 3],
    [4, 4, 3, 3, 4],
    [4, 4, 4, 4, 3],
  ],
  b: [
    [3, 2, 3, 2, 3],
    [2, 2, 3, 3, 2],
    [3, 3, 2, 2, 2],
    [2, 3, 3, 2, 3],
  ],
}

async function seed(base: string, admin: string): Promise<FeeRunSeed> {
  return seedFeeRun(base, admin, {
    programme: 'Fee confidence programme',
    region: 'Pirkanmaa',
    rule: RULE,
    names: { a: 'Varmuus Oy', b: 'Rajalla Oy' },
    answers: ANSWERS,
    refPrefix: 'FC',
    startedOn: isoDaysAgo(40),
    endedOn: isoDaysAgo(5),
    period: { from: isoDaysAgo(40), to: isoDaysAgo(0) },
  })
}

const WORDS = {
  fi: /^\d+ %:n varmuudella (ei )?ansaittu \(raja /,
  sv: /^Till \d+ ?% säkert (inte )?intjänat \(gräns /,
  en: /^\d+ ?% sure this is (not )?earned \(threshold /,
}

async function assertAtRisk(page: Page, run: Json, lang: 'fi' | 'sv' | 'en'): Promise<void> {
  await page.waitForSelector('#at-risk table.at-risk')
  const rows = await tableRows(page, 'table.at-risk')
  assert.equal(rows.length, run.atRisk.length, `${lang}: a row per line at risk`)
  run.atRisk.forEach((line: Json, i: number) => {
    const row = rows[i]
    assert.equal(row[0], line.name, `${lang}: row ${i + 1} is ${line.name}, least sure first`)
    assert.match(row[4], WORDS[lang], `${lang}: how sure, in words`)
    assert.ok(row[4].includes(String(Math.floor(line.confidence * 100))), `${lang}: ${row[4]} shows the per cent`)
    assert.equal(row.at(-1), money(line.expectedAmount, lang), `${lang}: the expected amount`)
  })
  const statement = await tableRows(page, 'table.statement')
  for (const p of run.providers)
    assert.equal(
      statement.find((r) => r[0] === p.name)?.at(-3),
      money(p.expectedOwed, lang),
      `${lang}: ${p.name} expected beside owed`,
    )
}

function atRiskScenario(adminToken: string) {
  return async (w: World): Promise<void> => {
    const seeded = await seed(w.base, adminToken)
    const { pid, procurer: key, runId, run } = seeded
    assert.ok(run.atRisk.length >= 3, `lines at risk: ${JSON.stringify(run.atRisk)}`)
    const sure = run.atRisk.map((l: Json) => l.confidence)
    assert.deepEqual(
      sure,
      [...sure].sort((a: number, b: number) => a - b),
      'least sure first',
    )
    const url = `${w.base}/procurer/#/p/${pid}/runs/${runId}`
    await dashboard(
      w,
      { locale: 'fi-FI' },
      async ({ page, scan, shot }) => {
        await signIn(page, url, key, 'Kirjaudu')
        await ready(page)
        await assertAtRisk(page, run, 'fi')
        assert.match(await text(page, '#at-risk-heading'), /epävarmin/)
        await scan('procurer: fee run, lines most at risk (fi)')
        await shot('dashboard-procurer-fee-confidence')
        for (const [button, lang] of [
          ['English', 'en'],
          ['Svenska', 'sv'],
        ] as const) {
          await page.getByRole('button', { name: button }).click()
          await page.waitForFunction((l) => document.documentElement.lang === l, lang)
          await ready(page)
          await assertAtRisk(page, run, lang)
          await scan(`procurer: fee run, lines most at risk (${lang})`)
        }
      },
      [key],
    )
    await dashboard(
      w,
      { locale: 'fi-FI', viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true },
      async ({ page, scan, shot }) => {
        await signIn(page, url, key, 'Kirjaudu')
        await ready(page)
        await assertAtRisk(page, run, 'fi')
        const layout = await page.locator('table.at-risk').evaluate((table) => {
          const problems: string[] = []
          const width = document.documentElement.clientWidth
          const wrap = table.closest('.table-wrap') as HTMLElement
          if (wrap.scrollWidth > wrap.clientWidth + 1) problems.push('the table scrolls sideways')
          for (const cell of table.querySelectorAll('tbody th, tbody td')) {
            const b = cell.getBoundingClientRect()
            if (b.width === 0 || b.left < -0.5 || b.right > width + 0.5)
              problems.push(`${cell.textContent} at ${Math.round(b.left)}..${Math.round(b.right)} px`)
          }
          const display = getComputedStyle(table.querySelector('tbody tr')!).display
          return { problems, display }
        })
        assert.deepEqual(layout.problems, [], 'every cell of the at-risk cards inside 360 px')
        assert.notEqual(layout.display, 'table-row', 'rows are cards at 360 px')
        await scan('procurer: fee run, lines most at risk at 360 px')
        await shot('dashboard-phone-360-fee-confidence')
      },
      [key],
    )
    w.log(
      `    at risk: ${run.atRisk.map((l: Json) => `${l.name} ${l.type} ${l.threshold} ${l.confidence.toFixed(3)}`).join('; ')}`,
    )
  }
}

export function feeConfidenceScenarios(adminToken: string): Scenario[] {
  return [
    { name: 'fee confidence: lines most at risk on the run view (fi/sv/en, 360 px)', run: atRiskScenario(adminToken) },
  ]
}
