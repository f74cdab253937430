// The respondent scenarios. Each is a named async function; a thrown error fails it.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { type Invitation, type LinkName, respondState, waitUntil } from './api.ts'
import {
  type AxeViolation,
  assertNoSidewaysScroll,
  assertPage,
  axeViolations,
  checkedValue,
  choose,
  clickAction,
  sidewaysProblems,
  text,
  watchSidewaysScroll,
} from './page-helpers.ts'

export type World = {
  browser: Browser
  base: string
  links: Record<LinkName, Invitation>
  log: (line: string) => void
  /** The answers stored for a link (a completed link returns its status only). */
  storedAnswers?: (token: string) => Record<string, unknown> | null
}
export type Scenario = { name: string; run: (w: World) => Promise<void> }

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots')
export const MAX_FIRST_VIEW_BYTES = 60 * 1024

// Texts the pages must show (src/pages/i18n.ts and surveys/cx-company/v2.json, the version new invitations get).
const SV = {
  title: 'Enkät: tjänsten Från ensamföretagare till arbetsgivare',
  page1: 'Rekryteringsbehov och arbetsgivarens skyldigheter',
  page2: 'Rekryteringens framsteg och helhetsbedömning',
  saved: 'Svaren har sparats.',
  thanks: 'Tack för dina svar',
  declined: 'Ditt val har registrerats',
}
const FI = {
  title: 'Palautekysely: Yrittäjästä työnantajaksi -palvelu',
  page1: 'Rekrytointitarve ja työnantajan velvollisuudet',
  page2: 'Rekrytoinnin eteneminen ja kokonaisarvio',
  errorSummary: 'Tarkista vastaukset',
  offline: 'Ei yhteyttä. Vastauksesi on tallessa tällä laitteella ja lähetetään, kun yhteys palaa.',
  saved: 'Vastaukset tallennettu.',
  thanks: 'Kiitos vastauksistasi',
}
const EN = { declined: 'Your choice has been recorded', thanks: 'Thank you for your answers' }

export async function withContext<T>(
  w: World,
  options: BrowserContextOptions,
  fn: (context: BrowserContext, page: Page) => Promise<T>,
): Promise<T> {
  const context = await w.browser.newContext(options)
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(20_000)
  // Without JavaScript nothing runs in the page to watch it: goto and clickAction still check each page.
  const sideways = options.javaScriptEnabled === false ? [] : await watchSidewaysScroll(context)
  try {
    const result = await fn(context, await context.newPage())
    assert.deepEqual(sideways, [], 'no page scrolled sideways')
    return result
  } finally {
    await context.close()
  }
}

export async function goto(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load' })
  assert.equal(response?.status(), status, `GET ${url} status`)
  await assertNoSidewaysScroll(page, `GET ${url}`)
}

const saveStatus = (page: Page, expected: string, timeout = 10_000) =>
  page.waitForFunction((t) => document.getElementById('save-status')?.textContent === t, expected, { timeout })

/** a. Swedish invitation: autosave on page 1, tab closed, resumed in a new context on page 2, completed. */
async function resumeAfterClosingTheTab(w: World): Promise<void> {
  const link = w.links.resume
  const page1 = { need_clarity: 3, employer_obligations: 2, recruitment_plan: 4 }

  await withContext(w, {}, async (_context, page) => {
    await goto(page, link.url)
    await assertPage(page, { lang: 'sv', h1: SV.title, h2: SV.page1, progress: 'Sida 1 av 2' })
    assert.ok(
      await page
        .getByRole('radio', { name: 'Vi har skrivit ner uppgifterna, arbetstiden och den kompetens som krävs' })
        .isVisible(),
      'Swedish answer labels',
    )
    for (const [q, v] of Object.entries(page1)) await choose(page, q, v)
    await saveStatus(page, SV.saved)
    await waitUntil('page 1 answers on the server', async () => {
      const s = await respondState(w.base, link.token)
      return s.status === 'open' && Object.entries(page1).every(([q, v]) => s.answers[q] === v)
    })
    // The tab closes halfway through (the context closes with it).
  })

  await withContext(w, {}, async (_context, page) => {
    await goto(page, link.url)
    await assertPage(page, { lang: 'sv', h1: SV.title, h2: SV.page2, progress: 'Sida 2 av 2' })
    assert.equal(
      await page.locator('input[name=candidate_channels]').count(),
      5,
      'page 2 shows candidate_channels (4 + cannot say)',
    )
    // The answers given before closing are still there: step back to page 1 and forward again.
    await clickAction(page, 'back')
    await assertPage(page, { lang: 'sv', h2: SV.page1, progress: 'Sida 1 av 2' })
    for (const [q, v] of Object.entries(page1)) assert.equal(await checkedValue(page, q), String(v), `${q} kept`)
    await clickAction(page, 'next')
    await assertPage(page, { lang: 'sv', h2: SV.page2 })
    await choose(page, 'candidate_channels', 4)
    await choose(page, 'recruitment_decision', 3)
    await choose(page, 'use_again', 'same_provider')
    await page.fill('textarea[name=comment]', 'Bra och tydlig handledning.')
    await clickAction(page, 'complete')
    await assertPage(page, { lang: 'sv', h1: SV.thanks })
  })

  const final = await respondState(w.base, link.token)
  assert.equal(final.status, 'completed')
  assert.equal(final.answers, undefined, 'a completed link returns its status only')
  assert.deepEqual(w.storedAnswers?.(link.token), {
    ...page1,
    candidate_channels: 4,
    recruitment_decision: 3,
    use_again: 'same_provider',
    comment: 'Bra och tydlig handledning.',
  })
}

/** b. JavaScript off: plain form posts, one deliberate error, back and forth, completion. */
async function withoutJavaScript(w: World): Promise<void> {
  const link = w.links.noJs
  await withContext(w, { javaScriptEnabled: false }, async (_context, page) => {
    await goto(page, link.url)
    await assertPage(page, { lang: 'fi', h1: FI.title, h2: FI.page1, progress: 'Sivu 1 / 2' })
    await choose(page, 'need_clarity', 2)
    // Scripts really are off: no autosave happens.
    await page.waitForTimeout(800)
    assert.deepEqual((await respondState(w.base, link.token)).answers, {}, 'nothing autosaved without JavaScript')
    assert.equal(await text(page, '#save-status'), '', 'no save status without JavaScript')
    const dontKnow = await page.locator('.choices.special input[name=employer_obligations]').getAttribute('value')
    assert.ok(dontKnow, 'employer_obligations offers a separate "cannot say" answer')
    await choose(page, 'employer_obligations', dontKnow)
    // recruitment_plan (required) left unanswered on purpose.
    const error = await clickAction(page, 'next')
    assert.equal(error?.status(), 422, 'an incomplete page answers 422')
    assert.match(await page.title(), new RegExp(`^${FI.errorSummary}: `), 'the title says there are errors')
    assert.equal(await text(page, '.error-summary h2'), FI.errorSummary)
    const summaryLinks = await page
      .locator('.error-summary a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    assert.deepEqual(summaryLinks, ['#q-recruitment_plan'], 'the summary links to the unanswered question')
    const message = await text(page, '#q-recruitment_plan .error#recruitment_plan-error')
    assert.ok(message.length > 0, 'the error message is shown next to the question')
    assert.match(
      (await page.getAttribute('#q-recruitment_plan', 'aria-describedby')) ?? '',
      /recruitment_plan-error/,
      'the question is described by its error',
    )
    assert.equal(await page.locator('.has-error').count(), 1, 'only the unanswered question is marked')
    assert.equal(await checkedValue(page, 'need_clarity'), '2', 'need_clarity kept after the error')
    assert.equal(
      await checkedValue(page, 'employer_obligations'),
      dontKnow,
      'employer_obligations kept after the error',
    )

    await choose(page, 'recruitment_plan', 1)
    await clickAction(page, 'next')
    await assertPage(page, { lang: 'fi', h2: FI.page2, progress: 'Sivu 2 / 2' })
    await choose(page, 'candidate_channels', 2)
    // Back keeps what was typed on this page, and page 1 still shows its answers.
    await clickAction(page, 'back')
    await assertPage(page, { lang: 'fi', h2: FI.page1 })
    assert.equal(await checkedValue(page, 'recruitment_plan'), '1')
    await clickAction(page, 'next')
    assert.equal(await checkedValue(page, 'candidate_channels'), '2', 'page 2 answer kept across back/next')
    await choose(page, 'recruitment_decision', 1)
    await choose(page, 'use_again', 'no_service')
    await page.fill('textarea[name=comment]', 'Ei kommentteja.')
    // "no_service" reveals a follow-up question on this page: it is shown before anything is completed.
    await clickAction(page, 'complete')
    assert.equal(await page.locator('#q-missing_from_service').count(), 1, 'the revealed follow-up question is shown')
    assert.equal(
      await text(page, '.revealed-notice[role=status]'),
      'Vastauksesi perusteella alle ilmestyi yksi kysymys lisää. Siirry uuteen kysymykseen',
      'the page says a question appeared',
    )
    assert.equal(await page.getAttribute('.revealed-notice a', 'href'), '#q-missing_from_service', 'and links to it')
    assert.equal(await page.inputValue('textarea[name=comment]'), 'Ei kommentteja.', 'the comment is kept')
    assert.equal(
      (await respondState(w.base, link.token)).status,
      'open',
      'nothing is completed past an unseen question',
    )
    await page.fill('#q-missing_from_service', 'Nopeampaa vastausta.')
    await clickAction(page, 'complete')
    await assertPage(page, { lang: 'fi', h1: FI.thanks })

    const final = await respondState(w.base, link.token)
    assert.equal(final.status, 'completed')
    assert.equal(final.answers, undefined, 'a completed link returns its status only')
    assert.deepEqual(w.storedAnswers?.(link.token), {
      need_clarity: 2,
      employer_obligations: dontKnow,
      recruitment_plan: 1,
      candidate_channels: 2,
      recruitment_decision: 1,
      use_again: 'no_service',
      missing_from_service: 'Nopeampaa vastausta.',
      comment: 'Ei kommentteja.',
    })
  })
}

/** c. The visible decline button records the refusal. */
async function declineWithTheButton(w: World): Promise<void> {
  const link = w.links.decline
  await withContext(w, {}, async (_context, page) => {
    await goto(page, link.url)
    await assertPage(page, { lang: 'en', progress: 'Page 1 of 2' })
    await clickAction(page, 'decline')
    await assertPage(page, { lang: 'en', h1: EN.declined })
    assert.match(await text(page, 'main p'), /no more surveys/)
    assert.equal(await page.locator('form#survey').count(), 0, 'no survey form after declining')
    // The link keeps saying so.
    await goto(page, link.url)
    await assertPage(page, { lang: 'en', h1: EN.declined })
  })
  const final = await respondState(w.base, link.token)
  assert.equal(final.status, 'declined')
}

/** d. axe-core (WCAG 2.0/2.1 A and AA) on every kind of respondent page. */
async function accessibility(w: World): Promise<void> {
  const violations: AxeViolation[] = []
  const scanned: string[] = []
  const scan = async (page: Page, label: string) => {
    violations.push(...(await axeViolations(page, label)))
    scanned.push(label)
  }
  await withContext(w, { bypassCSP: true }, async (_context, page) => {
    await goto(page, w.links.axeWalk.url)
    await scan(page, 'survey page 1')
    await clickAction(page, 'next')
    assert.equal(await page.locator('.error-summary').count(), 1, 'error state reached')
    await scan(page, 'page with errors')
    for (const q of ['need_clarity', 'employer_obligations', 'recruitment_plan']) await choose(page, q, 3)
    await clickAction(page, 'next')
    await assertPage(page, { lang: 'fi', h2: FI.page2 })
    await scan(page, 'survey page 2')
    await choose(page, 'candidate_channels', 3)
    await choose(page, 'recruitment_decision', 2)
    await clickAction(page, 'complete')
    await assertPage(page, { lang: 'fi', h1: FI.thanks })
    await scan(page, 'thank-you page')

    await goto(page, w.links.axeDecline.url)
    await clickAction(page, 'decline')
    await assertPage(page, { lang: 'sv', h1: SV.declined })
    await scan(page, 'declined page')

    await goto(page, `${w.base}/s/not-a-real-token`, 404)
    await scan(page, '404 page')

    await goto(page, w.links.axeJobseeker.url)
    await scan(page, 'job seeker survey page 1')
  })
  w.log(`    scanned: ${scanned.join(', ')}`)
  for (const v of violations)
    w.log(
      `    [${v.page}] ${v.id} (${v.impact}): ${v.help}\n      targets: ${v.targets.join(' | ')}\n      ${v.summary.replace(/\n/g, '\n      ')}`,
    )
  assert.equal(
    violations.length,
    0,
    `${violations.length} axe violation(s): ${[...new Set(violations.map((v) => v.id))].join(', ')}`,
  )
}

/** e. A 360 px phone: no horizontal scrolling; screenshots of page 1, the error state and the thank-you page. */
async function phoneWidth(w: World): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const shots: string[] = []
  await withContext(
    w,
    { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    async (_context, page) => {
      const check = async (label: string, file: string) => {
        await assertNoSidewaysScroll(page, label)
        const path = join(SCREENSHOT_DIR, file)
        await page.screenshot({ path, fullPage: true })
        shots.push(path)
      }
      await goto(page, w.links.phone.url)
      await check('page 1', 'phone-360-page1.png')
      await clickAction(page, 'next')
      assert.equal(await page.locator('.error-summary').count(), 1, 'error state reached')
      await check('error state', 'phone-360-errors.png')
      for (const q of ['need_clarity', 'employer_obligations', 'recruitment_plan']) await choose(page, q, 4)
      await clickAction(page, 'next')
      await check('page 2', 'phone-360-page2.png')
      await choose(page, 'candidate_channels', 1)
      await choose(page, 'recruitment_decision', 4)
      await clickAction(page, 'complete')
      await assertPage(page, { lang: 'en', h1: EN.thanks })
      await check('thank-you page', 'phone-360-thanks.png')
    },
  )
  for (const s of shots) w.log(`    screenshot: ${s}`)
}

/** f. The first view of the survey page (HTML, CSS, JS and anything else it loads) weighs at most 60 KB. */
async function firstViewWeight(w: World): Promise<void> {
  await withContext(w, {}, async (context, page) => {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const urls = new Map<string, string>()
    let transferred = 0
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url))
    cdp.on('Network.loadingFinished', (e) => {
      transferred += e.encodedDataLength
    })
    const bodies: Array<{ url: string; status: number; bytes: number }> = []
    const pending: Promise<void>[] = []
    page.on('response', (r) => {
      pending.push(
        r.body().then(
          (b) => void bodies.push({ url: r.url(), status: r.status(), bytes: b.length }),
          () => void bodies.push({ url: r.url(), status: r.status(), bytes: 0 }),
        ),
      )
    })
    await goto(page, w.links.weight.url)
    await page.waitForLoadState('networkidle')
    await Promise.all(pending)
    const bodyBytes = bodies.reduce((n, b) => n + b.bytes, 0)
    for (const b of bodies)
      w.log(`    ${b.status} ${new URL(b.url).pathname.replace(/\/s\/[^/?]+/, '/s/<token>')}: ${b.bytes} B`)
    w.log(
      `    first view: ${bodies.length} responses, ${bodyBytes} B of bodies, ${transferred} B transferred (headers included)`,
    )
    const kinds = bodies.map((b) => new URL(b.url).pathname)
    assert.ok(
      kinds.includes('/survey.css') && kinds.includes('/survey.js'),
      'the first view loads survey.css and survey.js',
    )
    assert.ok(bodyBytes <= MAX_FIRST_VIEW_BYTES, `first view bodies ${bodyBytes} B > ${MAX_FIRST_VIEW_BYTES} B`)
    assert.ok(transferred <= MAX_FIRST_VIEW_BYTES, `first view transfer ${transferred} B > ${MAX_FIRST_VIEW_BYTES} B`)
  })
}

/** g. The connection drops: answers wait on the device and go out on the `online` event. */
async function networkCut(w: World): Promise<void> {
  const link = w.links.offline
  const storeKey = `laatu:${link.token}`
  await withContext(w, {}, async (context, page) => {
    await goto(page, link.url)
    await choose(page, 'need_clarity', 1)
    await saveStatus(page, FI.saved)
    await waitUntil(
      'the online answer on the server',
      async () => (await respondState(w.base, link.token)).answers.need_clarity === 1,
    )

    await page.evaluate(() => {
      const win = window as unknown as { __onlineEvents: number }
      win.__onlineEvents = 0
      window.addEventListener('online', () => win.__onlineEvents++)
    })
    let failedSaves = 0
    page.on('requestfailed', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/v1/respond/')) failedSaves++
    })
    await context.setOffline(true)
    assert.equal(await page.evaluate(() => navigator.onLine), false, 'navigator.onLine is false')
    await choose(page, 'employer_obligations', 3)
    await choose(page, 'recruitment_plan', 2)
    await saveStatus(page, FI.offline)
    const stored = await page.evaluate((k) => localStorage.getItem(k), storeKey)
    assert.ok(stored, 'unsent answers are kept in localStorage')
    const kept = JSON.parse(stored).answers
    assert.equal(String(kept.employer_obligations), '3')
    assert.equal(String(kept.recruitment_plan), '2')
    assert.equal(String(kept.need_clarity), '1')

    // Next while offline keeps the respondent on the page with the answers stored.
    const before = page.url()
    await page.locator('button[name=action][value=next]').click()
    await page.waitForTimeout(300)
    assert.equal(page.url(), before, 'still on the same page')
    assert.equal(await checkedValue(page, 'recruitment_plan'), '2', 'answers still on screen')
    assert.equal(await text(page, '#save-status'), FI.offline)

    const server = await respondState(w.base, link.token)
    assert.equal(server.answers.employer_obligations, undefined, 'nothing reached the server while offline')

    // Let the automatic retries back off (2 s, then 4 s) so that a quick delivery proves the online event.
    await waitUntil('two failed saves while offline', async () => failedSaves >= 2, 8_000, 100)
    await context.setOffline(false)
    const t0 = Date.now()
    await waitUntil(
      'the offline answers on the server after the connection returned',
      async () => {
        const s = await respondState(w.base, link.token)
        return s.answers.employer_obligations === 3 && s.answers.recruitment_plan === 2 && s.answers.need_clarity === 1
      },
      3_000,
      100,
    )
    w.log(
      `    delivered ${Date.now() - t0} ms after the connection returned (failed saves while offline: ${failedSaves})`,
    )
    assert.ok(
      (await page.evaluate(() => (window as unknown as { __onlineEvents: number }).__onlineEvents)) >= 1,
      'the page saw the online event',
    )
    await saveStatus(page, FI.saved)
    assert.equal(
      await page.evaluate((k) => localStorage.getItem(k), storeKey),
      null,
      'nothing left unsent on the device',
    )
  })
}

/**
 * p. An answer that reveals a follow-up question ("another provider" on use_again): the page says so in
 * an announced notice, focus moves to the new question, and the page passes axe at 360 and 1280 px.
 */
async function revealedQuestion(w: World): Promise<void> {
  const link = w.links.revealed
  await withContext(w, { bypassCSP: true }, async (_context, page) => {
    await goto(page, link.url)
    for (const q of ['need_clarity', 'employer_obligations', 'recruitment_plan']) await choose(page, q, 3)
    await clickAction(page, 'next')
    await choose(page, 'candidate_channels', 2)
    await choose(page, 'recruitment_decision', 3)
    assert.equal(await page.locator('#q-missing_from_service').count(), 0, 'the follow-up is hidden at first')
    await choose(page, 'use_again', 'other_provider')
    await clickAction(page, 'complete')
    assert.equal((await respondState(w.base, link.token)).status, 'open', 'nothing completed past the new question')
    assert.equal(
      await text(page, '.revealed-notice[role=status]'),
      'One more question appeared below, based on your answer. Go to the new question',
      'the page says a question appeared',
    )
    await page.waitForFunction(() => document.activeElement?.id === 'q-missing_from_service', null, {
      timeout: 5_000,
    })
    assert.equal(
      await page.evaluate(() => document.activeElement?.tagName),
      'TEXTAREA',
      'focus is in the new question, ready to type',
    )
    assert.equal(await checkedValue(page, 'use_again'), 'other_provider', 'the revealing answer is kept')
    const violations: AxeViolation[] = []
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 })
      violations.push(...(await axeViolations(page, `revealed question at ${width} px`)))
    }
    for (const v of violations) w.log(`    [${v.page}] ${v.id} (${v.impact}): ${v.help} ${v.targets.join(' | ')}`)
    assert.equal(violations.length, 0, `${violations.length} axe violation(s)`)
    await page.keyboard.type('A named contact person.')
    await clickAction(page, 'complete')
    await assertPage(page, { lang: 'en', h1: EN.thanks })
  })
  assert.equal(w.storedAnswers?.(link.token)?.missing_from_service, 'A named contact person.')
}

/**
 * q. The landing page `/` in fi, sv and en passes axe at 360 and 1280 px without horizontal scrolling;
 * a pasted survey link leads to the survey, anything else is refused at the field.
 */
async function landingPage(w: World): Promise<void> {
  const headings = { fi: 'Vastaatko kyselyyn?', sv: 'Ska du svara på en enkät?', en: 'Answering a survey?' }
  const violations: AxeViolation[] = []
  await withContext(w, { bypassCSP: true }, async (_context, page) => {
    for (const [lang, heading] of Object.entries(headings)) {
      await goto(page, `${w.base}/?lang=${lang}`)
      assert.equal(await page.getAttribute('html', 'lang'), lang)
      assert.equal(await text(page, '#survey-title'), heading)
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 })
        violations.push(...(await axeViolations(page, `landing page (${lang}) at ${width} px`)))
      }
    }
    for (const href of ['/procurer', '/provider', '/docs'])
      assert.equal(await page.locator(`main a[href="${href}"]`).count(), 1, `links to ${href}`)

    await goto(page, `${w.base}/?lang=en`)
    await page.getByLabel('Survey link or code').fill('https://example.com/nothing')
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Open the survey' }).click(),
    ])
    assert.match(await text(page, '.error-summary[role=alert]'), /This is not a survey link/)
    assert.equal(await page.getAttribute('#survey-link', 'aria-invalid'), 'true')
    violations.push(...(await axeViolations(page, 'landing page with an error')))

    await page.getByLabel('Survey link or code').fill(` ${w.links.landing.url} `)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Open the survey' }).click(),
    ])
    assert.equal(new URL(page.url()).pathname, `/s/${w.links.landing.token}`, 'the pasted link opens the survey')
    await assertPage(page, { lang: 'sv', h1: SV.title })
  })
  for (const v of violations) w.log(`    [${v.page}] ${v.id} (${v.impact}): ${v.help} ${v.targets.join(' | ')}`)
  assert.equal(violations.length, 0, `${violations.length} axe violation(s)`)
}

/** x. The API reference (/docs), laid out from the OpenAPI document: axe clean at 360 px, no sideways scroll at 360 or 1280 px. */
async function apiReference(w: World): Promise<void> {
  const violations: AxeViolation[] = []
  for (const width of [1280, 360])
    await withContext(w, { bypassCSP: true, viewport: { width, height: 800 } }, async (_context, page) => {
      await goto(page, `${w.base}/docs`)
      await page.waitForFunction(() => /operations\.$/.test(document.getElementById('status')?.textContent ?? ''))
      await assertNoSidewaysScroll(page, `API reference at ${width} px`)
      // axe takes seconds on this long page: once, at the narrow width where the layout changes
      if (width === 360) violations.push(...(await axeViolations(page, `API reference at ${width} px`)))
    })
  for (const v of violations) w.log(`    [${v.page}] ${v.id} (${v.impact}): ${v.help} ${v.targets.join(' | ')}`)
  assert.equal(violations.length, 0, `${violations.length} axe violation(s)`)
}

/**
 * w. The sideways-scroll check itself can fail, called or watching: a page wider than the phone, an element
 * cut off by a box with overflow-x: hidden, a word that spills out of its box and a wide table in an unlabelled scroll box are
 * caught; the same table in a labelled, focusable scroll region is not.
 */
async function sidewaysCheckCatches(w: World): Promise<void> {
  // A plain context: the watcher of withContext would (rightly) fail on these pages.
  const context = await w.browser.newContext({ viewport: { width: 360, height: 640 } })
  try {
    const page = await context.newPage()
    const problems = async (body: string) => {
      await page.setContent(`<!doctype html><html lang="en"><body style="margin:8px">${body}</body></html>`)
      return page.evaluate(sidewaysProblems)
    }
    const wide = '<table style="width:900px"><tr><td>wide</td></tr></table>'
    assert.deepEqual(await problems('<p>Fits on a phone.</p>'), [])
    assert.deepEqual((await problems('<div style="width:600px">wide</div>')).slice(0, 2), [
      'the page is 608 px wide in 360 px',
      'div reaches 608 px',
    ])
    assert.deepEqual(
      await problems('<main style="overflow-x:hidden"><div class="cut" style="width:600px">cut off</div></main>'),
      ['div.cut reaches 608 px'],
    )
    assert.match((await problems(`<p id="word">${'x'.repeat(200)}</p>`)).join(), /p#word reaches \d+ px/)
    // A figure that spills over the card beside it, inside the viewport.
    assert.deepEqual(
      await problems(
        '<div style="display:flex;gap:8px"><p class="card" style="width:100px;font-size:30px">EUR&nbsp;19,675.00</p><p>14</p></div>',
      ),
      [
        `p.card holds ${await page.evaluate(() => document.querySelector('.card')!.scrollWidth)} px of content in 100 px`,
      ],
    )
    assert.match((await problems(`<div style="overflow-x:auto">${wide}</div>`)).join(), /table reaches 908 px/)
    assert.deepEqual(
      await problems(`<div role="region" aria-label="Wide" tabindex="0" style="overflow-x:auto">${wide}</div>`),
      [],
    )
  } finally {
    await context.close()
  }
  // The watcher every scenario's context carries reports such a page by itself on load and on resize.
  const watched = await w.browser.newContext({ viewport: { width: 1280, height: 640 } })
  try {
    const seen = await watchSidewaysScroll(watched)
    // A real navigation (setContent rewrites the open document, which drops the watcher's listeners).
    const body = (width: number) =>
      `<!doctype html><html lang="en"><body><div style="width:${width}px">content</div></body></html>`
    await watched.route('http://laatu.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: body(Number(new URL(route.request().url()).pathname.slice(1))) }),
    )
    const page = await watched.newPage()
    await page.goto('http://laatu.test/600')
    await page.waitForTimeout(300)
    assert.deepEqual(seen, [], 'nothing to report at 1280 px')
    await page.setViewportSize({ width: 360, height: 640 })
    await waitUntil('the watcher to report the resized page', async () => seen.length > 0, 5_000, 50)
    assert.match(seen[0], /^resize \/600 at 360 px: the page is \d+ px wide in 360 px/)
    await page.goto('http://laatu.test/900')
    await waitUntil('the watcher to report the loaded page', async () => seen.length > 1, 5_000, 50)
    assert.match(seen[1], /^load \/900 at 360 px: the page is \d+ px wide in 360 px/)
  } finally {
    await watched.close()
  }
}

export const scenarios: Scenario[] = [
  { name: 'a. resume after closing the tab (sv, autosave)', run: resumeAfterClosingTheTab },
  { name: 'b. JavaScript off: form posts with an error, then complete', run: withoutJavaScript },
  { name: 'c. decline with the visible button', run: declineWithTheButton },
  { name: 'd. axe-core WCAG 2.1 A/AA on all respondent pages', run: accessibility },
  { name: 'e. 360 px phone: no horizontal scroll, screenshots', run: phoneWidth },
  { name: 'f. first-view weight <= 60 KB', run: firstViewWeight },
  { name: 'g. network cut: answers kept on the device, resent when online', run: networkCut },
  { name: 'p. an answer reveals a question: the page says so and focus moves there', run: revealedQuestion },
  {
    name: 'q. landing page: three languages, axe at 360 and 1280 px, a pasted link opens the survey',
    run: landingPage,
  },
  { name: 'x. API reference page: axe clean at 360 px, no sideways scroll at 360 or 1280 px', run: apiReference },
  {
    name: 'w. the sideways-scroll check catches what scrolls and lets a labelled scroll region be',
    run: sidewaysCheckCatches,
  },
]
