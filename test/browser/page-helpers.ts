// Small helpers for driving the survey page as a respondent would.
import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import type { BrowserContext, Page, Response } from 'playwright-core'

export const AXE_PATH = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js')
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** Chooses a radio answer by clicking its label (which also proves the label is wired to the input). */
export async function choose(page: Page, question: string, value: string | number): Promise<void> {
  const input = page.locator(`input[type=radio][name="${question}"][value="${value}"]`)
  assert.equal(await input.count(), 1, `one radio ${question}=${value} on the page`)
  const id = await input.getAttribute('id')
  assert.ok(id, `radio ${question}=${value} has an id`)
  await page.locator(`label[for="${id}"]`).click()
  assert.ok(await input.isChecked(), `radio ${question}=${value} is checked after clicking its label`)
}

export async function checkedValue(page: Page, question: string): Promise<string | null> {
  const checked = page.locator(`input[type=radio][name="${question}"]:checked`)
  return (await checked.count()) === 0 ? null : checked.getAttribute('value')
}

/** Clicks one of the form's action buttons and waits for the page it leads to. */
export async function clickAction(
  page: Page,
  action: 'next' | 'back' | 'complete' | 'decline',
): Promise<Response | null> {
  const button = page.locator(`button[name=action][value=${action}]`)
  assert.ok(await button.isVisible(), `the ${action} button is visible`)
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  await assertNoSidewaysScroll(page, `after ${action}`)
  return response
}

export async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

export async function assertPage(
  page: Page,
  expected: { lang: string; h1?: string; h2?: string; progress?: string },
): Promise<void> {
  assert.equal(await page.getAttribute('html', 'lang'), expected.lang, 'html[lang]')
  if (expected.h1 !== undefined) assert.equal(await text(page, 'h1'), expected.h1, 'h1')
  if (expected.h2 !== undefined) assert.equal(await text(page, 'form#survey h2'), expected.h2, 'page heading')
  if (expected.progress !== undefined) assert.equal(await text(page, '.progress'), expected.progress, 'progress text')
}

export type AxeViolation = {
  page: string
  id: string
  impact: string | null
  help: string
  targets: string[]
  summary: string
}

/** Runs axe-core on the current page (the context must bypass the CSP so the script can be injected). */
export async function axeViolations(page: Page, label: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return violationsOnPage(page, label)
}

/**
 * The WCAG 2.1 A/AA violations axe-core finds on a page where it is already loaded, and, as one more
 * rule, anything that makes the page scroll sideways at its current width (WCAG 1.4.10 Reflow).
 */
export async function violationsOnPage(page: Page, label: string): Promise<AxeViolation[]> {
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: String(v.id),
      impact: v.impact ?? null,
      help: String(v.help),
      targets: v.nodes.map((n) => (n.target as string[]).join(' ')),
      summary: String(v.nodes[0]?.failureSummary ?? ''),
    }))
  }, AXE_TAGS)
  const sideways = await page.evaluate(sidewaysProblems)
  if (sideways.length > 0)
    found.push({
      id: 'horizontal-scroll',
      impact: 'serious',
      help: `no horizontal scrolling at ${page.viewportSize()?.width} px`,
      targets: sideways,
      summary: '',
    })
  return found.map((v) => ({ page: label, ...v }))
}

/**
 * Runs in the page (self-contained): what makes it scroll sideways at its current width, or would if it
 * were not cut off. The page itself (document.scrollingElement wider than innerWidth); the outermost
 * elements whose box or content reaches past the right edge of the viewport; and the innermost elements
 * whose content is wider than their own box (a figure spilling over the card beside it). Elements in a
 * scroll region of their own that is labelled and reachable by keyboard (a wide table in `.table-wrap`)
 * are fine; a box with overflow-x: hidden cannot hide a cut-off element from this.
 */
export function sidewaysProblems(): string[] {
  const viewport = window.innerWidth
  const problems: string[] = []
  const root = document.scrollingElement ?? document.documentElement
  if (root.scrollWidth > viewport) problems.push(`the page is ${root.scrollWidth} px wide in ${viewport} px`)
  const describe = (e: Element) =>
    e.tagName.toLowerCase() +
    (e.id ? `#${e.id}` : '') +
    (typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : '')
  const labelledRegion = (e: Element) => {
    const overflow = getComputedStyle(e).overflowX
    return (
      (overflow === 'auto' || overflow === 'scroll') &&
      Boolean(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')) &&
      e.getAttribute('tabindex') === '0'
    )
  }
  const inRegion = (e: Element) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (labelledRegion(a)) return true
    return false
  }
  const reaching: Element[] = []
  const spilling: Element[] = []
  for (const e of document.body?.querySelectorAll('*') ?? []) {
    const box = e.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) continue
    const style = getComputedStyle(e)
    if (style.visibility === 'hidden' || style.position === 'fixed') continue
    // Content that spills out of a box that does not clip it reaches as far as the box's scroll width. Form
    // controls clip their own text (Chromium 150 reports a narrow select's longest option as its scrollWidth).
    const control = /^(input|select|textarea)$/i.test(e.tagName)
    const visible = style.overflowX === 'visible' && !control
    const right = visible ? Math.max(box.right, box.left + e.scrollWidth) : box.right
    if (right > viewport + 1 && !reaching.some((r) => r.contains(e)) && !inRegion(e)) {
      reaching.push(e)
      problems.push(`${describe(e)} reaches ${Math.round(right)} px`)
    }
    // Form controls clip their own text; inline boxes have no width of their own to compare with.
    const own = visible && style.display !== 'inline'
    if (own && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !inRegion(e)) spilling.push(e)
  }
  for (const e of spilling.filter((e) => !spilling.some((o) => o !== e && e.contains(o))))
    problems.push(`${describe(e)} holds ${e.scrollWidth} px of content in ${e.clientWidth} px`)
  return problems.slice(0, 8)
}

/** Asserts that the page does not scroll sideways at its current width (see sidewaysProblems). */
export async function assertNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const problems = await page.evaluate(sidewaysProblems)
  const width = page.viewportSize()?.width
  assert.deepEqual(problems, [], `${label} (${new URL(page.url()).pathname}) scrolls sideways at ${width} px`)
}

/**
 * Checks every page of the context for sideways scrolling whenever it has loaded, whenever a dashboard
 * view says it is ready (#view[data-ready]) and whenever the window is resized, whatever the scenario
 * does in between; returns the list it fills (assert it empty at the end). Needs JavaScript in the page.
 */
export async function watchSidewaysScroll(context: BrowserContext): Promise<string[]> {
  const seen: string[] = []
  await context.exposeBinding('__laatuSideways', (_source, where: string, problems: string[]) => {
    const line = `${where}: ${problems.join('; ')}`
    if (!seen.includes(line)) seen.push(line)
  })
  await context.addInitScript(`(() => {
    const problems = ${sidewaysProblems.toString()};
    const check = (when) => requestAnimationFrame(() => requestAnimationFrame(() => {
      const found = problems();
      if (found.length > 0)
        window.__laatuSideways(when + ' ' + location.pathname + location.hash + ' at ' + innerWidth + ' px', found);
    }));
    addEventListener('load', () => check('load'));
    addEventListener('resize', () => check('resize'));
    new MutationObserver((changes) => {
      if (changes.some((c) => c.target.getAttribute && c.target.getAttribute('data-ready') === 'true')) check('view');
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  })()`)
  return seen
}

/**
 * Every cell of the table inside the viewport and its labelled region not scrolling sideways either (which the
 * sideways check allows); rows as cards below 40rem (640 px), as table rows above.
 */
export async function assertTableFits(page: Page, selector: string, label: string): Promise<void> {
  const found = await page.locator(selector).evaluate((table) => {
    const problems: string[] = []
    const wrap = table.closest('.table-wrap') as HTMLElement
    if (wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`${wrap.scrollWidth} px in ${wrap.clientWidth} px`)
    const width = document.documentElement.clientWidth
    for (const cell of table.querySelectorAll('th, td')) {
      const b = cell.getBoundingClientRect()
      if (b.width > 0 && (b.left < -0.5 || b.right > width + 0.5))
        problems.push(`${cell.textContent} at ${Math.round(b.left)}..${Math.round(b.right)} px`)
    }
    return { problems, display: getComputedStyle(table.querySelector('tbody tr')!).display }
  })
  assert.deepEqual(found.problems, [], `${label}: ${selector} fits without sideways scrolling`)
  const narrow = (page.viewportSize()?.width ?? 1280) < 640
  assert.equal(found.display === 'table-row', !narrow, `${label}: ${selector} rows are ${narrow ? 'cards' : 'rows'}`)
}
