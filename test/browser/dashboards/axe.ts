// axe-core under the pages' real CSP: the script is served from the page's own origin by a route, so
// nothing needs bypassCSP, and any CSP violation of the dashboards themselves is still reported.
import { readFileSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { AXE_PATH, type AxeViolation, violationsOnPage } from '../page-helpers.ts'

const AXE_URL_PATH = '/__test/axe.min.js'
let axeSource: string | null = null

/** Serves axe-core at /__test/axe.min.js in this context (test-only; the Worker never sees the request). */
export async function serveAxe(context: BrowserContext): Promise<void> {
  axeSource ??= readFileSync(AXE_PATH, 'utf8')
  await context.route(`**${AXE_URL_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: axeSource! }),
  )
}

export async function axeScan(page: Page, label: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => Boolean((window as Window & { axe?: unknown }).axe))))
    await page.addScriptTag({ url: AXE_URL_PATH })
  return violationsOnPage(page, label)
}

/** Collects CSP violations reported on the console of every page of the context. */
export function watchCsp(context: BrowserContext): string[] {
  const seen: string[] = []
  const hook = (page: Page) =>
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(m.text())
    })
  context.pages().forEach(hook)
  context.on('page', hook)
  return seen
}
