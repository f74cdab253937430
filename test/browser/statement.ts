// Issue 14 on the fee statement: the procurer's statement by provider fits 1280 px without scrolling inside its
// region (the per-component amounts in a table of their own), and is cards at 360 px; the provider's statement
// says in words which index its quality figure is and shows it with the interval of that same index, the stars
// apart with the weighted index and interval they come from, and in words the index a provider-level quality
// component pays on. Seeds its own programme with a run over the last whole month (the API scores whole months
// for a provider key), so it needs no other scenario. Axe-clean in fi/sv/en at 1280 and 360 px.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { Json } from '../../scripts/api-client.ts'
import { api } from './api.ts'
import { dashboard, ready, signIn, tableRows, text } from './dashboards.ts'
import { type FeeRunSeed, type Lang, LOCALE, money, norm, num1, seedFeeRun } from './fee-run-seed.ts'
import { assertNoSidewaysScroll, assertTableFits } from './page-helpers.ts'
import type { Scenario, World } from './scenarios.ts'

const RULE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 1000 },
    { type: 'quality', basis: 'client', perClientMax: 400, scoring: { mode: 'linear' }, nonResponse: 'zero' },
    {
      type: 'quality',
      basis: 'provider',
      perClientMax: 600,
      minResponseRate: 0,
      // five answers: below the default minimum of 10, where the component would pay nothing
      minResponses: 2,
      scoring: { mode: 'linear' },
    },
    { type: 'qualityPool', amount: 5000, threshold: 40, minResponses: 2, minResponseRate: 0 },
  ],
}
// Each provider: answers (item positions), and one client who never answers. A's five answers are one whole
// group of minGroup, so the provider key's score row for the month rests on the same answers as the run.
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
    [3, 3, 3, 2, 2],
  ],
}
/** The last whole month: its period name and first and last day. */
function lastWholeMonth() {
  const now = new Date()
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  return { period: iso(first).slice(0, 7), from: iso(first), to: iso(last), mid: `${iso(first).slice(0, 8)}15` }
}

type Seeded = FeeRunSeed & { provider: string; providerId: string }

async function seed(base: string, admin: string): Promise<Seeded> {
  const month = lastWholeMonth()
  const seeded = await seedFeeRun(base, admin, {
    programme: 'Statement programme',
    region: 'Kainuu',
    rule: RULE,
    names: { a: 'Laskelma Oy', b: 'Vertailu Oy' },
    answers: { a: [...ANSWERS.a, null], b: [...ANSWERS.b, null] },
    refPrefix: 'ST',
    startedOn: month.from,
    endedOn: month.mid,
    period: { from: month.from, to: month.to },
  })
  const provider = (await api(base, seeded.procurer, 'POST', '/keys', { role: 'provider', providerId: seeded.ids.a }))
    .key
  return { ...seeded, provider, providerId: seeded.ids.a }
}

/**
 * Checks the procurer's statement tables; returns the narrowest the statement table could be (its min-content)
 * with the amounts it shows and with two more digit groups in front of every amount (1 000 13 173,59 EUR: totals
 * in the tens of millions).
 */
async function assertProcurerStatement(page: Page, run: Json, lang: Lang): Promise<string> {
  await page.waitForSelector('table.statement-components')
  const rows = await tableRows(page, 'table.statement')
  const parts = await tableRows(page, 'table.statement-components')
  for (const p of run.providers) {
    const row = rows.find((r) => r[0] === p.name)
    assert.ok(row, `${lang}: ${p.name} on the statement`)
    assert.deepEqual(row!.slice(1, 3), [String(p.clients), String(p.responses)], `${lang}: ${p.name} clients, answers`)
    assert.match(row![3], new RegExp(`^${Math.round(p.responseRate * 100)}\\s?%$`), `${lang}: ${p.name} response rate`)
    assert.deepEqual(
      row!.slice(-4),
      [p.owed, p.expectedOwed, p.paidBefore, p.total].map((a) => money(a, lang)),
      `${lang}: ${p.name} owed, expected, paid before and payable`,
    )
    assert.deepEqual(
      parts.find((r) => r[0] === p.name)?.slice(1),
      [num1(p.qualityIndex, lang), ...p.components.map((c: Json) => money(c.amount, lang)), money(p.owed, lang)],
      `${lang}: ${p.name} mean of answers and owed by component`,
    )
  }
  await assertTableFits(page, 'table.statement', lang)
  await assertTableFits(page, 'table.statement-components', lang)
  const [now, larger] = await page.locator('table.statement').evaluate((table) => {
    const narrowest = (larger: boolean) => {
      const clone = table.cloneNode(true) as HTMLElement
      clone.style.width = 'min-content'
      if (larger)
        for (const cell of clone.querySelectorAll('tbody td.num, tfoot td.num'))
          if (/EUR/.test(cell.textContent ?? ''))
            cell.textContent = (cell.textContent ?? '').replace(/\d/, (d) =>
              document.documentElement.lang === 'en' ? `1,000,${d}` : `1\u00a0000\u00a0${d}`,
            )
      table.parentElement!.append(clone)
      const width = clone.getBoundingClientRect().width
      clone.remove()
      return Math.round(width)
    }
    return [narrowest(false), narrowest(true)]
  })
  const box = await page.locator('table.statement').evaluate((t) => t.closest('.table-wrap')!.clientWidth)
  assert.ok(larger <= box, `${lang}: with amounts in the tens of millions the statement needs ${larger} px of ${box}`)
  return `${lang} ${now} (${larger} in the tens of millions) of ${box}`
}

function statementScenario(adminToken: string) {
  return async (w: World): Promise<void> => {
    const s = await seed(w.base, adminToken)
    const month = lastWholeMonth()
    assert.equal(s.run.providers[0].components.length, RULE.components.length)
    const narrowest: string[] = []
    const procurerUrl = `${w.base}/procurer/#/p/${s.pid}/runs/${s.runId}`
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 780 },
    ])
      await dashboard(
        w,
        { locale: 'fi-FI', viewport, isMobile: viewport.width < 640 },
        async ({ page, scan, shot }) => {
          await signIn(page, procurerUrl, s.procurer, 'Kirjaudu')
          narrowest.push(await assertProcurerStatement(page, s.run, 'fi'))
          await scan(`procurer: statement at ${viewport.width} px (fi)`)
          await shot(`dashboard-procurer-statement-${viewport.width}`)
          for (const [button, lang] of [
            ['English', 'en'],
            ['Svenska', 'sv'],
          ] as const) {
            await page.getByRole('button', { name: button }).click()
            await page.waitForFunction((l) => document.documentElement.lang === l, lang)
            await ready(page)
            narrowest.push(await assertProcurerStatement(page, s.run, lang))
            await assertNoSidewaysScroll(page, `procurer statement (${lang})`)
            await scan(`procurer: statement at ${viewport.width} px (${lang})`)
          }
        },
        [s.procurer],
      )

    // The provider's own figures for the same month, as its key gets them.
    const scores = await api(w.base, s.provider, 'GET', `/programmes/${s.pid}/scores?period=${month.period}`)
    const own = scores.providers.find((p: Json) => p.providerId === s.providerId)
    const part = (await api(w.base, s.provider, 'GET', `/fee-runs/${s.runId}`)).providers[0]
    assert.ok(
      Math.abs(own.qualityIndex.mean - part.qualityIndex) < 1e-9,
      'the statement index is the unweighted mean of the same answers',
    )
    assert.ok(
      own.qualityIndex.ci95 && own.qualityIndex.shrunkCi95 && own.stars,
      `figures to show: ${JSON.stringify(own)}`,
    )
    const q = own.qualityIndex
    const words = {
      en: {
        mean: 'Mean of answers (unweighted)',
        ci: '95 % interval',
        stars: 'From the weighted index',
        fee: 'own fee index',
      },
      fi: {
        mean: 'Vastausten keskiarvo (painottamaton)',
        ci: '95 %:n luottamusväli',
        stars: 'Painotetusta indeksistä',
        fee: 'oman palkkioindeksinsä',
      },
      sv: {
        mean: 'Svarens medelvärde (oviktat)',
        ci: '95 % konfidensintervall',
        stars: 'Från det viktade indexet',
        fee: 'eget arvodesindex',
      },
    }
    const assertProviderStatement = async (page: Page, lang: Lang) => {
      await page.waitForSelector('#statement-index-note')
      const cards = norm(await text(page, '.cards'))
      const w_ = words[lang]
      assert.ok(cards.includes(`${w_.mean} ${num1(part.qualityIndex, lang)}`), `${lang}: the mean, named: ${cards}`)
      assert.ok(
        norm(await text(page, '#statement-index-note')).includes(
          `${w_.ci} ${num1(q.ci95[0], lang)} – ${num1(q.ci95[1], lang)}`,
        ),
        `${lang}: with the interval of that mean`,
      )
      const starsNote = norm(await text(page, '#statement-stars-note'))
      assert.ok(
        starsNote.startsWith(`${w_.stars} ${num1(q.shrunk, lang)}`) &&
          starsNote.includes(`${num1(q.shrunkCi95[0], lang)} – ${num1(q.shrunkCi95[1], lang)}`),
        `${lang}: stars with the weighted index and its interval: ${starsNote}`,
      )
      assert.ok(cards.includes(norm(new Intl.NumberFormat(LOCALE[lang]).format(own.stars))), `${lang}: the stars`)
      assert.match(
        await text(page, '#fee-index-note'),
        new RegExp(`^3\\. .*${w_.fee}`),
        `${lang}: the fee index in words`,
      )
    }
    for (const [viewport, langs] of [
      [{ width: 1280, height: 900 }, ['en', 'fi']],
      [{ width: 360, height: 780 }, ['fi', 'sv']],
    ] as const)
      await dashboard(
        w,
        { locale: LOCALE[langs[0]], viewport, isMobile: viewport.width < 640 },
        async ({ page, scan, shot }) => {
          await signIn(
            page,
            `${w.base}/provider/#/fees/${s.runId}`,
            s.provider,
            langs[0] === 'en' ? 'Sign in' : 'Kirjaudu',
          )
          for (const [i, lang] of langs.entries()) {
            if (i > 0) {
              await page.getByRole('button', { name: lang === 'fi' ? 'Suomi' : 'Svenska' }).click()
              await page.waitForFunction((l) => document.documentElement.lang === l, lang)
              await ready(page)
            }
            await assertProviderStatement(page, lang)
            await assertNoSidewaysScroll(page, `provider statement (${lang})`)
            await scan(`provider: statement at ${viewport.width} px (${lang})`)
          }
          await shot(`dashboard-provider-statement-index-${viewport.width}`)
        },
        [s.provider],
      )
    w.log(`    statement table at its narrowest (px, 1280 then 360): ${narrowest.join(', ')}`)
    w.log(
      `    statement: mean ${part.qualityIndex.toFixed(1)} (${q.ci95.map((x: number) => x.toFixed(1)).join('-')}), weighted ${q.shrunk.toFixed(1)} (${q.shrunkCi95.map((x: number) => x.toFixed(1)).join('-')}), ${own.stars} stars`,
    )
  }
}

export function statementScenarios(adminToken: string): Scenario[] {
  return [
    {
      name: 'statement: procurer table fits 1280 px, provider index with its interval (fi/sv/en, 360 px)',
      run: statementScenario(adminToken),
    },
  ]
}
