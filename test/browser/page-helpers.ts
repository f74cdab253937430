// Small helpers for driving the survey page as a respondent would.
import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import type { Page, Response } from 'playwright-core'

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

/** The WCAG 2.1 A/AA violations axe-core finds on a page where it is already loaded. */
export async function violationsOnPage(page: Page, label: string): Promise<AxeViolation[]> {
  const found = await page.evaluate(async (tags) => {
    const axe = (window as Window & { axe: typeof import('axe-core') }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: String(v.id),
      impact: v.impact ?? null,
      help: String(v.help),
      targets: v.nodes.map((n) => (n.target as string[]).join(' ')),
      summary: String(v.nodes[0]?.failureSummary ?? ''),
    }))
  }, AXE_TAGS)
  return found.map((v) => ({ page: label, ...v }))
}

/** True when the page is no wider than the viewport (no horizontal scrolling). */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth)
}
