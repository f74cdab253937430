// Chain of custody in the procurer dashboard: a programme created with its custody settings (and one of
// them changed back and forth in set-up), a provider key registering two clients through the API, the
// procurer noticing the pending count, confirming one (no contact data: its personal link is shown) and
// rejecting the other, downloading invitation-links.csv and re-issuing a link. Axe-clean at 1280 and 360 px.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import type { Json } from '../../scripts/api-client.ts'
import { api } from './api.ts'
import { isoDaysAgo } from './dashboards/data.ts'
import { dashboard, downloadText, ready, signIn, tableRows, text } from './dashboards.ts'
import { assertNoSidewaysScroll } from './page-helpers.ts'
import type { Scenario, World } from './scenarios.ts'

const PROGRAMME = 'Custody 2027'
const PROVIDER = 'Polku Oy'
const KEY_LABEL = 'Polku, registrations'
const EMAIL_REF = 'CUST-EMAIL'
const NO_CONTACT_REF = 'CUST-NOCONTACT'

/** Opens a view by the href of its navigation link (the queue link's name carries its count). */
async function openHref(page: Page, href: string): Promise<void> {
  await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
  await page.locator(`nav.views a[href="${href}"]`).click()
  await ready(page)
}

/** The page fits a 360 px phone (wide tables scroll in their own region) and axe finds nothing there either. */
async function atPhoneWidth(
  page: Page,
  scan: (label: string) => Promise<void>,
  label: string,
  shot?: () => Promise<void>,
): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 })
  try {
    await assertNoSidewaysScroll(page, label)
    await scan(`${label} at 360 px`)
    await shot?.()
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 })
  }
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
const navCount = (page: Page) =>
  page.evaluate(() => {
    const badge = document.getElementById('nav-queue-count')
    return badge && !badge.hidden ? (badge.firstElementChild?.textContent ?? '') : ''
  })

function custodyWalk(adminToken: string) {
  return async (w: World) => {
    const procurer = (await api(w.base, adminToken, 'POST', '/keys', { role: 'procurer', label: 'custody walk' }))
      .key as string
    const keys = [procurer]
    let pid = ''
    let providerKey = ''
    await dashboard(
      w,
      { locale: 'en-GB' },
      async ({ page, scan, shot }) => {
        await signIn(page, `${w.base}/procurer/`, procurer, 'Sign in')

        // 1. A new programme: both settings, each choice explained; the recommended ones preselected.
        const radio = (name: string) => page.getByRole('radio', { name, exact: true })
        assert.ok(await radio('Laatu (recommended)').isChecked(), 'Laatu holds the links by default')
        assert.ok(await radio('Wait for your confirmation (recommended)').isChecked(), 'providers need confirmation')
        const hint = await radio('The provider').getAttribute('aria-describedby')
        assert.match(await text(page, `#${hint}`), /could then answer for its own clients/)
        await scan('procurer: create programme with custody settings (en)')
        await page.getByLabel('Programme name').fill(PROGRAMME)
        await page.getByLabel('Region', { exact: true }).fill('Uusimaa')
        await radio('Accepted at once').check()
        await radio('Wait for your confirmation (recommended)').check()
        await page.evaluate(() => document.getElementById('view')?.removeAttribute('data-ready'))
        await page.getByRole('button', { name: 'Create programme' }).click()
        await page.waitForURL(/#\/p\/prg_[^/]+\/setup$/)
        await ready(page)
        pid = /#\/p\/([^/]+)\/setup$/.exec(page.url())![1]
        const created = await api(w.base, procurer, 'GET', `/programmes/${pid}`)
        assert.equal(created.linkCustody, 'laatu')
        assert.equal(created.providerEpisodes, 'confirm')

        // 2. A provider key registers two clients (one with an email address, one without contact data).
        const provider = await api(w.base, procurer, 'POST', `/programmes/${pid}/providers`, { name: PROVIDER })
        providerKey = (
          await api(w.base, procurer, 'POST', '/keys', { role: 'provider', providerId: provider.id, label: KEY_LABEL })
        ).key
        keys.push(providerKey)
        const episode = (ref: string, customerType: string, riskClass: string, contact?: Json) => ({
          providerId: provider.id,
          customerType,
          externalRef: ref,
          serviceType: 'coaching',
          startedOn: isoDaysAgo(40),
          endedOn: isoDaysAgo(5),
          riskClass,
          language: 'fi',
          ...(contact ? { contact } : {}),
        })
        const imported = await api(w.base, providerKey, 'POST', `/programmes/${pid}/episodes`, {
          episodes: [
            episode(EMAIL_REF, 'company', 'B', { email: 'owner@example.fi' }),
            episode(NO_CONTACT_REF, 'jobseeker', 'A'),
          ],
        })
        assert.equal(imported.pending, 2, 'both wait for the procurer')
        assert.ok(
          imported.episodes.every((e: Json) => e.invitation === null),
          'no invitation (and no link) for a pending episode',
        )
        const ids = new Map<string, string>(imported.episodes.map((e: Json) => [e.externalRef, e.id]))

        // 3. The procurer notices: a count in the navigation and a notice in set-up.
        await page.reload()
        await ready(page)
        await page.waitForFunction(() => document.getElementById('nav-queue-count')?.hidden === false)
        assert.equal(await navCount(page), '2')
        assert.equal(
          await page.getByRole('link', { name: 'To confirm (2 waiting)', exact: true }).count(),
          1,
          'the link says how many wait',
        )
        assert.match(
          await text(page, '#pending-notice'),
          /2 clients registered by providers wait for your confirmation/,
        )
        const settings = await tableRows(page, '#view table')
        assert.deepEqual(
          settings.find((r) => r[0] === 'Who holds the survey links'),
          ['Who holds the survey links', 'Laatu (recommended)'],
        )
        assert.deepEqual(
          settings.find((r) => r[0] === 'Clients a provider registers'),
          ['Clients a provider registers', 'Wait for your confirmation (recommended)'],
        )

        // 4. A setting changed in set-up: the consequence is explained before saving, the API gets a PATCH.
        const form = page.locator('#custody-settings')
        await form.getByRole('radio', { name: 'The provider', exact: true }).check()
        assert.match(
          await text(page, '#custody-effect'),
          /Provider keys receive the links of the clients they register/,
        )
        await scan('procurer: set-up with a custody change explained')
        await shot('custody-setup-change')
        await atPhoneWidth(page, scan, 'procurer: set-up')
        await form.getByRole('button', { name: 'Save the settings' }).click()
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Settings saved.')
        assert.equal((await api(w.base, procurer, 'GET', `/programmes/${pid}`)).linkCustody, 'provider')
        assert.equal(await focusedId(page), 'custody-heading', 'focus returns to the settings')
        await form.getByRole('radio', { name: 'Laatu (recommended)', exact: true }).check()
        assert.match(await text(page, '#custody-effect'), /no longer receive survey links/)
        await form.getByRole('button', { name: 'Save the settings' }).click()
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Settings saved.')
        await page.waitForFunction(() => document.querySelector('#custody-effect')?.hasAttribute('hidden'))
        assert.equal((await api(w.base, procurer, 'GET', `/programmes/${pid}`)).linkCustody, 'laatu')

        // 4b. The case-mix adjustment is off until the procurer turns it on (PATCH caseMix).
        const caseMix = page.locator('#case-mix-settings')
        const box = caseMix.getByRole('checkbox', { name: 'Show the index adjusted for the client mix' })
        assert.equal(await box.isChecked(), false)
        await box.check()
        await caseMix.getByRole('button', { name: 'Save the adjustment setting' }).click()
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Case-mix setting saved.')
        assert.equal((await api(w.base, procurer, 'GET', `/programmes/${pid}`)).caseMix, true)
        assert.equal(await focusedId(page), 'case-mix-heading', 'focus returns to the case-mix setting')
        assert.deepEqual(
          (await tableRows(page, '#view table')).find((r) => r[0] === 'Case-mix adjustment'),
          ['Case-mix adjustment', 'On'],
        )
        await scan('procurer: set-up with the case-mix adjustment on')
        // The comparison gets the adjusted column and the model (none yet: no answers).
        await openHref(page, `#/p/${pid}/compare`)
        assert.ok(
          (await page.locator('table.compare thead th').allTextContents()).includes('Adjusted for client mix'),
          'an adjusted column',
        )
        assert.match(await text(page, '#view'), /Too few answers to estimate the adjustment for this period/)
        await scan('procurer: providers side by side with the case-mix adjustment on')

        // 5. The queue: both clients with what the procurer needs to recognise them.
        await openHref(page, `#/p/${pid}/queue`)
        assert.equal(await text(page, 'h2'), 'Clients waiting for confirmation')
        const rows = await tableRows(page, 'table.pending')
        assert.equal(rows.length, 2)
        const noContact = rows.find((r) => r[0] === NO_CONTACT_REF)!
        const day = (iso: string) =>
          new Intl.DateTimeFormat('en-GB', {
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            timeZone: 'UTC',
          }).format(new Date(`${iso}T00:00:00Z`))
        assert.deepEqual(noContact.slice(1, 6), [
          'Job seeker',
          'coaching',
          `${day(isoDaysAgo(40))} – ${day(isoDaysAgo(5))}`,
          'A',
          'None: you hand over the link',
        ])
        assert.match(noContact[6], new RegExp(`^Provider key ${KEY_LABEL}`), 'who registered it, by key label')
        await scan('procurer: confirmation queue (en)')
        await shot('custody-queue')
        await atPhoneWidth(page, scan, 'procurer: confirmation queue', () => shot('custody-queue-360'))
        for (const [button, lang, heading] of [
          ['Svenska', 'sv', 'Kunder som väntar på bekräftelse'],
          ['Suomi', 'fi', 'Vahvistusta odottavat asiakkaat'],
          ['English', 'en', 'Clients waiting for confirmation'],
        ] as const) {
          await page.getByRole('button', { name: button }).click()
          await page.waitForFunction((l) => document.documentElement.lang === l, lang)
          await ready(page)
          assert.equal(await text(page, 'h2'), heading)
          if (lang !== 'en') await scan(`procurer: confirmation queue (${lang})`)
        }

        // Nothing selected, then no risk class choice: each error is said and focused.
        const queueForm = page.locator('form.queue-form')
        await queueForm.getByRole('button', { name: 'Confirm the selected clients' }).click()
        await page.waitForSelector('form.queue-form .error-summary')
        assert.match(await text(page, 'form.queue-form .error-summary'), /Select at least one client/)
        assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        await page.getByLabel(NO_CONTACT_REF, { exact: true }).check()
        await queueForm.getByRole('button', { name: 'Confirm the selected clients' }).click()
        await page.waitForFunction(() =>
          /Choose how the risk class is set/.test(
            document.querySelector('form.queue-form .error-summary')?.textContent ?? '',
          ),
        )
        await scan('procurer: confirmation queue with an error')

        // 6. Confirm the client without contact data, accepting the proposed class: its link, once.
        await queueForm.getByRole('radio', { name: /Accept the class each provider proposed/ }).check()
        await queueForm.getByRole('button', { name: 'Confirm the selected clients' }).click()
        await page.waitForSelector('#queue-result-heading')
        assert.equal(await focusedId(page), 'queue-result-heading', 'focus moves to the outcome')
        assert.equal(await text(page, '#queue-result-heading'), `1 confirmed (${PROVIDER})`)
        assert.match(await text(page, '#queue-result'), /give it only to that client/)
        const handover = await tableRows(page, 'table.handover-links')
        assert.equal(handover.length, 1)
        assert.deepEqual([handover[0][0], ...handover[0].slice(2)], [NO_CONTACT_REF, 'Job seeker', 'A'])
        const shownUrl = await page.locator('table.handover-links input.link-text').inputValue()
        assert.ok(shownUrl.startsWith(`${w.base}/s/`), `a survey link: ${shownUrl}`)
        const confirmed = await api(w.base, procurer, 'GET', `/episodes/${ids.get(NO_CONTACT_REF)}`)
        assert.equal(confirmed.status, 'confirmed')
        assert.equal(confirmed.riskClass, 'A', 'the proposed class was accepted')
        assert.equal(confirmed.invitation.status, 'open')
        await page.waitForFunction(() => document.getElementById('nav-queue-count')?.textContent?.startsWith('1'))
        assert.equal((await tableRows(page, 'table.pending')).length, 1, 'one left in the queue')
        await scan('procurer: confirmed, a link to hand over')
        await shot('custody-confirmed')
        await atPhoneWidth(page, scan, 'procurer: confirmed, a link to hand over', () => shot('custody-confirmed-360'))

        // 7. Reject the other, with a reason (the browser asks first).
        await page.getByLabel(EMAIL_REF, { exact: true }).check()
        await page.getByLabel('Reason for rejecting').fill('Not a client of this programme')
        page.once('dialog', (d) => void d.accept())
        await page.getByRole('button', { name: 'Reject the selected clients' }).click()
        await page.waitForFunction(() =>
          /1 rejected/.test(document.getElementById('queue-result-heading')?.textContent ?? ''),
        )
        assert.equal(await focusedId(page), 'queue-result-heading')
        assert.match(await text(page, '#queue-list'), /Nothing is waiting for confirmation/)
        await page.waitForFunction(() => document.getElementById('nav-queue-count')?.hidden === true)
        assert.equal((await api(w.base, procurer, 'GET', `/episodes/${ids.get(EMAIL_REF)}`)).status, 'rejected')

        // 8. invitation-links.csv: the open link of the client without contact data, nothing else.
        const csv = await downloadText(page, () =>
          page.getByRole('button', { name: 'Download invitation-links.csv' }).click(),
        )
        assert.equal(csv.name, `invitation-links-${pid}.csv`)
        const lines = csv.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split(/\r?\n/)
        assert.equal(lines.length, 2, 'a header and one link')
        assert.match(lines[1], new RegExp(`^${ids.get(NO_CONTACT_REF)},${NO_CONTACT_REF},`))
        assert.ok(lines[1].endsWith(shownUrl), 'the same link as shown after confirming')
        assert.ok(!csv.body.includes(EMAIL_REF), 'not the rejected client')
        await scan('procurer: confirmation queue empty')

        // 9. Re-issue that link from the episode list: a new one, shown once; the old one stops working.
        await openHref(page, `#/p/${pid}/episodes`)
        const listed = await tableRows(page, 'table.episodes')
        assert.equal(listed.find((r) => r[0] === EMAIL_REF)?.[5], 'Rejected')
        assert.equal(listed.find((r) => r[0] === NO_CONTACT_REF)?.[5], 'Open')
        assert.equal(await page.locator('table.episodes button.reissue').count(), 1, 'only an open link is re-issued')
        page.once('dialog', (d) => void d.accept())
        await page.getByRole('button', { name: `New link ${NO_CONTACT_REF}` }).click()
        await page.waitForSelector('#reissued-heading')
        assert.equal(await focusedId(page), 'reissued-heading')
        const newUrl = await page.locator('#reissue-result input.link-text').inputValue()
        assert.ok(newUrl.startsWith(`${w.base}/s/`) && newUrl !== shownUrl, 'a new link')
        const token = (url: string) => new URL(url).pathname.split('/').pop()!
        await assert.rejects(api(w.base, null, 'GET', `/respond/${token(shownUrl)}`), 'the old link no longer works')
        assert.equal((await api(w.base, null, 'GET', `/respond/${token(newUrl)}`)).status, 'open')
        await scan('procurer: link re-issued')
        await shot('custody-reissued')
        await atPhoneWidth(page, scan, 'procurer: link re-issued')
      },
      keys,
    )

    // A provider key never sees any of this: the procurer page turns it away, its own page has no queue.
    await dashboard(
      w,
      { locale: 'en-GB' },
      async ({ page }) => {
        await page.goto(`${w.base}/procurer/`)
        await page.getByLabel('Access key').fill(providerKey)
        await page.getByRole('button', { name: 'Sign in', exact: true }).click()
        await page.waitForSelector('.error-summary')
        assert.match(await text(page, '.error-summary'), /This is a provider key/)
        await signIn(page, `${w.base}/provider/`, providerKey, 'Sign in')
        assert.equal(await page.locator('#nav-queue, form.queue-form, #custody-settings').count(), 0)
        await assert.rejects(
          api(w.base, providerKey, 'GET', `/programmes/${pid}/invitation-links.csv`),
          /403/,
          'a provider key gets no links',
        )
      },
      keys,
    )
  }
}

export function custodyScenarios(adminToken: string): Scenario[] {
  return [
    {
      name: 'o. procurer dashboard: custody settings, confirmation queue, links without contact data, invitation-links.csv, re-issue',
      run: custodyWalk(adminToken),
    },
  ]
}
