// Issue 13, no reward for suppression: the rule form's provider-level quality part offers nonResponse,
// minResponses, fewResponses and index in plain words (defaults first, left out of the JSON until changed),
// the version in words says when a rule pays for suppression, and a simulation of a rule that counts
// non-respondents at the respondents' mean says in words what keeping the lowest answer away would pay.
// Axe-clean at 1280 and 360 px.
import assert from 'node:assert/strict'
import { api } from './api.ts'
import { isoDaysAgo } from './dashboards/data.ts'
import { dashboard, openView, signIn, text } from './dashboards.ts'
import type { Scenario, World } from './scenarios.ts'

const ITEMS = ['need_clarity', 'employer_obligations', 'recruitment_plan', 'candidate_channels', 'recruitment_decision']
const answersAt = (positions: number[]) => ({
  ...Object.fromEntries(ITEMS.map((item, k) => [item, positions[k]])),
  use_again: 'same_provider',
})

const LINEAR = { type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' } }
const RESPONDENT_MEAN = { ...LINEAR, nonResponse: 'respondentMean', index: 'raw', minResponses: 0 }

/** A programme with one provider and three clients: one answers at the top, one at 60, one declines. */
async function programmeWithAnswers(base: string, adminToken: string): Promise<{ pid: string; key: string }> {
  const created = await api(base, adminToken, 'POST', '/programmes', {
    name: 'Fee index 2027',
    region: 'Lappi',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
  })
  const pid = created.id as string
  const key = (await api(base, adminToken, 'POST', '/keys', { role: 'procurer', programmeId: pid })).key as string
  const provider = (await api(base, key, 'POST', `/programmes/${pid}/providers`, { name: 'Tunturi Oy' })).id
  const episodes = ['IDX-1', 'IDX-2', 'IDX-3'].map((externalRef) => ({
    providerId: provider,
    customerType: 'company',
    externalRef,
    startedOn: isoDaysAgo(60),
    endedOn: isoDaysAgo(20),
  }))
  const imported = (await api(base, key, 'POST', `/programmes/${pid}/episodes`, { episodes })).episodes
  const token = (i: number) => imported[i].invitation.token as string
  await api(base, null, 'PUT', `/respond/${token(0)}`, { answers: answersAt([4, 4, 4, 4, 4]), complete: true })
  await api(base, null, 'PUT', `/respond/${token(1)}`, { answers: answersAt([4, 4, 4, 1, 1]), complete: true })
  await api(base, null, 'POST', `/respond/${token(2)}/decline`, {})
  return { pid, key }
}

function feeIndexWalk(adminToken: string) {
  return async (w: World) => {
    const { pid, key } = await programmeWithAnswers(w.base, adminToken)
    await dashboard(
      w,
      { locale: 'en-GB' },
      async ({ page, scan, shot }) => {
        await signIn(page, `${w.base}/procurer/#/p/${pid}/rules`, key, 'Sign in')
        await page.getByLabel('Part to add').selectOption({ label: "Quality fee by the provider's answers" })
        await page.getByRole('button', { name: 'Add the part' }).click()
        const part = page.locator('fieldset.component-form').last()
        const nonResponse = part.getByLabel('A client who does not answer')
        assert.equal(await nonResponse.inputValue(), 'zero', 'a non-respondent counts 0 unless chosen otherwise')
        assert.equal(await part.getByLabel('With fewer answers').inputValue(), 'zero')
        assert.equal(await part.getByLabel('Quality index used').inputValue(), 'shrunk')
        const hint = await part.getByLabel('Answers needed').getAttribute('aria-describedby')
        assert.match(await text(page, `#${hint?.split(' ')[0]}`), /Empty: 10/)
        await part.getByLabel('Most per client', { exact: true }).fill('700')
        await page.getByRole('button', { name: 'Show the JSON' }).click()
        const defaults = JSON.parse(await page.locator('#rule-json').inputValue()).components.at(-1)
        assert.deepEqual(defaults, LINEAR, 'the defaults stay out of the JSON: the API fills them in')
        await nonResponse.selectOption('respondentMean')
        await part.getByLabel('Quality index used').selectOption('raw')
        const chosen = JSON.parse(await page.locator('#rule-json').inputValue()).components.at(-1)
        assert.deepEqual(chosen, { ...LINEAR, nonResponse: 'respondentMean', index: 'raw' })
        await page.getByRole('button', { name: 'Save as a new version' }).click()
        await page.waitForSelector('table.rule-versions')
        assert.match(
          await text(page, 'table.rule-versions'),
          /by all the provider's answers \(in line with the quality index\); a client who does not answer counts at the mean of those who answered, so suppressing answers pays/,
          'the version in words says the option pays for suppression',
        )
        await scan('procurer: provider-level quality with the fee index options (en)')
        await page.setViewportSize({ width: 360, height: 800 })
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        assert.ok(width <= 360, `the rule form fits 360 px (${width})`)
        await scan('procurer: fee index options (360 px)')
        await page.setViewportSize({ width: 1280, height: 900 })

        // A simulation of the old option beside the defaults: the sentence says what suppression would pay.
        await openView(page, 'Simulation')
        await page.getByLabel('From', { exact: true }).fill(isoDaysAgo(90))
        await page.getByLabel('To', { exact: true }).fill(isoDaysAgo(0))
        const rule = (component: object) => JSON.stringify({ currency: 'EUR', components: [component] })
        await page.locator('#rule-1').fill(rule(RESPONDENT_MEAN))
        await page.locator('#rule-2').fill(rule(LINEAR))
        await page.getByRole('button', { name: 'Compare', exact: true }).click()
        await page.waitForSelector('table.simulation')
        const note = await text(page, '#simulation-result .suppression-note')
        // (100 + 60) / 2 = 80 -> 3 x 700 x 0.8 = 1680.00; without the 60: 100 -> 2100.00, 420.00 more
        assert.match(note, /keeping unhappy clients from answering would pay/)
        assert.match(note, /Tunturi Oy, 1\. Quality fee: lowest answers left out 1, difference \+EUR\s420\.00/)
        assert.equal(
          await page.locator('#simulation-result .suppression-note').count(),
          1,
          'the default rule, which suppression cannot pay, has no such note',
        )
        await scan('procurer: simulation with the suppression sensitivity (en)')
        await shot('dashboard-procurer-suppression-sensitivity')
      },
      [key],
    )
  }
}

export function feeIndexScenarios(adminToken: string): Scenario[] {
  return [{ name: 'u. procurer: fee index options and the suppression sensitivity', run: feeIndexWalk(adminToken) }]
}
