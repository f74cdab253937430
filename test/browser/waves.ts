// Issue 15 in the procurer dashboard: the intake window set in set-up (and turning it off refused, explained,
// while a fee rule pays by the change), then providers side by side with each provider's change from intake to
// exit, the intake and follow-up response rates and the survey series the table shows, with the answers to an
// earlier series left out. Finnish at 1280 px, Swedish at 360 px; axe clean.
import assert from 'node:assert/strict'
import { api } from './api.ts'
import { isoDaysAgo } from './dashboards/data.ts'
import { dashboard, openView, signIn, tableRows, text } from './dashboards.ts'
import { assertTableFits } from './page-helpers.ts'
import type { Scenario, World } from './scenarios.ts'

const ITEMS = ['need_clarity', 'employer_obligations', 'recruitment_plan', 'candidate_channels', 'recruitment_decision']
const answersAt = (positions: number[]) => ({
  ...Object.fromEntries(ITEMS.map((item, k) => [item, positions[k]])),
  use_again: 'same_provider',
})
const CHANGE_RULE = {
  currency: 'EUR',
  components: [{ type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' }, index: 'change' }],
}
const A = 'Alkuun Oy'
const B = 'Loppuun Oy'

type Seeded = { pid: string; key: string; providers: { a: string; b: string } }

/** A programme whose company survey was v1 for one answered client of B and is the latest version since. */
async function programme(base: string, adminToken: string): Promise<Seeded> {
  const created = await api(base, adminToken, 'POST', '/programmes', {
    name: 'Muutos 2027',
    region: 'Pirkanmaa',
    surveys: { company: 'cx-company@1', jobseeker: 'cx-jobseeker' },
  })
  const pid = created.id as string
  const key = (await api(base, adminToken, 'POST', '/keys', { role: 'procurer', programmeId: pid })).key as string
  const a = (await api(base, key, 'POST', `/programmes/${pid}/providers`, { name: A })).id as string
  const b = (await api(base, key, 'POST', `/programmes/${pid}/providers`, { name: B })).id as string
  const [old] = await importEpisodes(base, key, pid, [[b, 'OLD-1']], 20)
  await api(base, null, 'PUT', `/respond/${old.invitation.token}`, {
    answers: answersAt([3, 3, 3, 3, 3]),
    complete: true,
  })
  await api(base, key, 'PATCH', `/programmes/${pid}`, { surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' } })
  return { pid, key, providers: { a, b } }
}

/** Episodes ending `endedDaysAgo` days ago: one ending today still gets an intake invitation, an ended one not. */
async function importEpisodes(base: string, key: string, pid: string, list: Array<[string, string]>, endedDaysAgo = 0) {
  const episodes = list.map(([providerId, externalRef]) => ({
    providerId,
    customerType: 'company',
    externalRef,
    startedOn: isoDaysAgo(25),
    endedOn: isoDaysAgo(endedDaysAgo),
  }))
  return (await api(base, key, 'POST', `/programmes/${pid}/episodes`, { episodes })).episodes
}

/**
 * With the intake wave on: A's two clients answer both surveys (from 1,1,2,2,1 to 4,4,3,4,3 and from 2,2,2,2,2
 * to 4,4,4,4,4), B's first both, its second the exit survey only. Then a follow-up survey one day after the
 * end, sent by the delivery job (the Cron Trigger) to the clients whose service ended 20 days ago, answered by
 * one of A's two.
 */
async function answers(w: World, { pid, key, providers: { a, b } }: Seeded): Promise<void> {
  const imported = await importEpisodes(w.base, key, pid, [
    [a, 'A-1'],
    [a, 'A-2'],
    [b, 'B-1'],
    [b, 'B-2'],
  ])
  const answer = (token: string, positions: number[]) =>
    api(w.base, null, 'PUT', `/respond/${token}`, { answers: answersAt(positions), complete: true })
  const [intake, exit] = [
    (i: number) => imported[i].intakeInvitation.token,
    (i: number) => imported[i].invitation.token,
  ]
  await answer(intake(0), [1, 1, 2, 2, 1])
  await answer(exit(0), [4, 4, 3, 4, 3])
  await answer(intake(1), [2, 2, 2, 2, 2])
  await answer(exit(1), [4, 4, 4, 4, 4])
  await answer(intake(2), [2, 2, 2, 2, 2])
  await answer(exit(2), [3, 3, 3, 3, 3])
  await answer(exit(3), [3, 3, 3, 3, 3])

  // The follow-up is due a day after the end: two more clients of A whose service ended 20 days ago (no intake).
  await importEpisodes(
    w.base,
    key,
    pid,
    [
      [a, 'A-F1'],
      [a, 'A-F2'],
    ],
    20,
  )
  await api(w.base, key, 'PATCH', `/programmes/${pid}`, { followUpDays: 1 })
  const cron = await fetch(`${w.base}/__scheduled`)
  assert.equal(cron.status, 200, 'the delivery job ran')
  const csv = (await api(w.base, key, 'GET', `/programmes/${pid}/invitation-links.csv`)) as string
  const followUp = csv
    .split(/\r?\n/)
    .map((line) => line.split(','))
    .find((cells) => cells[1] === 'A-F1' && cells[5] === 'followup')
  assert.ok(followUp, `a follow-up link for A-F1 in invitation-links.csv:\n${csv}`)
  const token = new URL(followUp.at(-1)!).pathname.split('/').at(-1)!
  await api(w.base, null, 'PUT', `/respond/${token}`, { answers: { recruited: false }, complete: true })
}

/** The figures the view should show, from the API: the change of each provider with its sign. */
async function changes(base: string, key: string, pid: string) {
  const scores = await api(base, key, 'GET', `/programmes/${pid}/scores`)
  const byName = new Map(scores.providers.map((p: { name: string; change: unknown }) => [p.name, p.change]))
  return byName as Map<string, { n: number; mean: number; ci95: [number, number] | null }>
}

const fi = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(1).replace('.', ',').replace('-', '−')}`

function wavesWalk(adminToken: string) {
  return async (w: World) => {
    const seeded = await programme(w.base, adminToken)
    const { pid, key } = seeded
    await dashboard(
      w,
      { locale: 'fi-FI' },
      async ({ page, scan, shot }) => {
        // 1. Set-up: the intake window, empty (off) until set.
        await signIn(page, `${w.base}/procurer/#/p/${pid}/setup`, key, 'Kirjaudu')
        const form = page.locator('#intake-settings')
        const field = form.getByLabel('Alkukyselyn aikaikkuna (päivää palvelun alusta)')
        assert.equal(await field.inputValue(), '', 'off until set')
        await field.fill('400')
        await form.getByRole('button', { name: 'Tallenna alkukyselyn asetus' }).click()
        await page.waitForSelector('#intake-settings .error-summary')
        assert.match(await text(page, '#intake-settings .field-error'), /365/, 'the range next to the field')
        await scan('procurer: intake window out of range (fi)')
        await field.fill('30')
        await form.getByRole('button', { name: 'Tallenna alkukyselyn asetus' }).click()
        await page.waitForFunction(
          () => document.getElementById('status')?.textContent === 'Alkukyselyn asetus tallennettu.',
        )
        assert.equal((await api(w.base, key, 'GET', `/programmes/${pid}`)).intakeWindowDays, 30)
        assert.deepEqual(
          (await tableRows(page, '#view table')).find(
            (r) => r[0] === 'Alkukyselyn aikaikkuna (päivää palvelun alusta)',
          ),
          ['Alkukyselyn aikaikkuna (päivää palvelun alusta)', '30 päivän kuluessa palvelun alusta'],
        )

        // 2. A fee rule that pays by the change: turning the intake wave off is refused, and says why.
        await answers(w, seeded)
        await api(w.base, key, 'PUT', `/programmes/${pid}/fee-rule`, CHANGE_RULE)
        await page.locator('#intake-settings input').fill('')
        await page.locator('#intake-settings').getByRole('button', { name: 'Tallenna alkukyselyn asetus' }).click()
        await page.waitForSelector('#intake-settings .rule-needs-setting')
        assert.match(
          await text(page, '#intake-settings .rule-needs-setting'),
          /ei voi poistaa käytöstä, koska voimassa oleva palkkiosääntö maksaa sen perusteella/,
        )
        assert.match(await text(page, '#intake-settings .field-error'), /change needs an intake wave/)
        assert.equal((await api(w.base, key, 'GET', `/programmes/${pid}`)).intakeWindowDays, 30, 'still on')
        await scan('procurer: turning the intake wave off refused by the fee rule (fi)')
        await shot('dashboard-procurer-intake-refused')

        // 3. Providers side by side: the change, both waves' response rates and the series shown.
        await openView(page, 'Palveluntuottajat rinnakkain')
        const expected = await changes(w.base, key, pid)
        const a = expected.get(A)!
        const b = expected.get(B)!
        assert.equal(a.n, 2)
        assert.equal(b.n, 1)
        const rows = await tableRows(page, 'table.waves')
        assert.deepEqual(
          rows.find((r) => r[0] === A),
          [A, `${fi(a.mean)} (${fi(a.ci95![0])} – ${fi(a.ci95![1])})`, '2', '100 % (2 / 2)', '50 % (1 / 2)'],
        )
        assert.deepEqual(
          rows.find((r) => r[0] === B),
          [B, fi(b.mean), '1', '50 % (1 / 2)', '0 % (0 / 1)'],
        )
        const series = await page.locator('#view p.survey-series').allInnerTexts()
        assert.ok(
          series.some((s) => /Kyselyn versio 2 \(cx-company\)/.test(s)),
          series.join(' | '),
        )
        assert.ok(
          series.some((s) => /1 vastaus kyselyn versioon 1 \(cx-company\) ei ole mukana/.test(s)),
          series.join(' | '),
        )
        await assertTableFits(page, 'table.waves', 'providers side by side at 1280 px')
        await scan('procurer: providers side by side with change and waves (fi)')
        await shot('dashboard-procurer-waves')
      },
      [key],
    )

    // 4. The same in Swedish on a phone: the table as cards, nothing scrolls sideways.
    await dashboard(
      w,
      { locale: 'sv-FI', viewport: { width: 360, height: 740 } },
      async ({ page, scan, shot }) => {
        await signIn(page, `${w.base}/procurer/#/p/${pid}/compare`, key, 'Logga in')
        await page.waitForSelector('table.waves')
        assert.match(await text(page, 'table.waves caption'), /Förändring och svarsandelar/)
        assert.match(await text(page, '#view'), /1 svar på enkätversion 1 \(cx-company\) ingår inte/)
        await assertTableFits(page, 'table.waves', 'providers side by side at 360 px')
        await scan('procurer: providers side by side with change and waves (sv, 360 px)')
        await shot('dashboard-procurer-waves-360')
        await openView(page, 'Grunduppgifter')
        assert.equal(await page.locator('#intake-settings input').inputValue(), '30')
        await scan('procurer: set-up with the intake window (sv, 360 px)')
      },
      [key],
    )
  }
}

export function wavesScenarios(adminToken: string): Scenario[] {
  return [
    {
      name: 'y. procurer dashboard: intake window in set-up, change, intake and follow-up rates and survey series side by side (fi 1280 px, sv 360 px)',
      run: wavesWalk(adminToken),
    },
  ]
}
