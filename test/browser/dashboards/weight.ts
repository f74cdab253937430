// Bytes a page costs on a cold cache: every response's encoded (on-the-wire, compressed) size from the
// Chrome DevTools Protocol, plus the decoded body sizes, until the network has been idle.
import type { BrowserContext, Page } from 'playwright-core'

export type Weight = {
  label: string
  requests: number
  transferred: number
  decoded: number
  byPath: Array<{ path: string; transferred: number; decoded: number }>
}

export async function measure(
  context: BrowserContext,
  page: Page,
  label: string,
  load: () => Promise<void>,
): Promise<Weight> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const urls = new Map<string, string>()
  const rows = new Map<string, { path: string; transferred: number; decoded: number }>()
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url))
  cdp.on('Network.dataReceived', (e) => {
    const row = rows.get(e.requestId) ?? { path: '', transferred: 0, decoded: 0 }
    row.decoded += e.dataLength
    rows.set(e.requestId, row)
  })
  cdp.on('Network.loadingFinished', (e) => {
    const row = rows.get(e.requestId) ?? { path: '', transferred: 0, decoded: 0 }
    row.transferred = e.encodedDataLength
    const url = new URL(urls.get(e.requestId) ?? 'about:blank')
    // Only what came over the network (not data: URLs of the browser's own widgets).
    row.path = url.protocol.startsWith('http') ? url.pathname + (url.search ? '?…' : '') : ''
    rows.set(e.requestId, row)
  })
  await load()
  await page.waitForLoadState('networkidle')
  await cdp.detach()
  const byPath = [...rows.values()].filter((r) => r.path && !r.path.startsWith('/__test/'))
  return {
    label,
    requests: byPath.length,
    transferred: byPath.reduce((n, r) => n + r.transferred, 0),
    decoded: byPath.reduce((n, r) => n + r.decoded, 0),
    byPath,
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
