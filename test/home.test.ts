import { afterEach, describe, expect, it, vi } from 'vitest'
import { tokenFromPasted } from '../src/domain/invitation-token.ts'
import { call } from './helpers.ts'

const TOKEN = 'Ab3_-xYz0123456789Ab3_-xYz0123456789Ab3_-xY' // 43 base64url characters

const paste = (link: string, lang = 'fi') =>
  call('POST', `/?lang=${lang}`, {
    body: new URLSearchParams({ link }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })

afterEach(() => {
  vi.restoreAllMocks()
})

describe('tokenFromPasted', () => {
  it.each([
    [TOKEN, 'the code alone'],
    [`  ${TOKEN}\n`, 'with spaces around'],
    [`https://laatu.example.fi/s/${TOKEN}`, 'the whole link'],
    [`https://laatu.example.fi/s/${TOKEN}?lang=sv&page=1`, 'with a query'],
    [`http://127.0.0.1:8787/s/${TOKEN}#q-use_again`, 'with a fragment'],
    [`laatu.example.fi/s/${TOKEN}`, 'without the scheme'],
  ])('finds the token in %j (%s)', (pasted) => {
    expect(tokenFromPasted(pasted)).toBe(TOKEN)
  })

  it.each([
    ['', 'nothing'],
    [TOKEN.slice(1), 'one character short'],
    [`${TOKEN}x`, 'one too many'],
    [`${TOKEN.slice(0, 42)}!`, 'a character outside base64url'],
    [`https://laatu.example.fi/ratings/${TOKEN}`, 'another page'],
    [`https://laatu.example.fi/s/${TOKEN}x`, 'a longer path segment'],
    ['prg_3f9c2a0d1e', 'a programme id'],
    ['x'.repeat(100_000), 'a very long paste'],
  ])('refuses %j (%s)', (pasted) => {
    expect(tokenFromPasted(pasted)).toBeNull()
  })
})

describe('GET /', () => {
  it.each([
    ['fi', '', 'Vastaatko kyselyyn?'],
    ['fi', '?lang=fi', 'Vastaatko kyselyyn?'],
    ['sv', '?lang=sv', 'Ska du svara på en enkät?'],
    ['en', '?lang=en', 'Answering a survey?'],
  ])('answers 200 HTML in %s (%j)', async (lang, query, heading) => {
    const res = await call('GET', `/${query}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = res.data as string
    expect(html).toMatch(/^<!doctype html><html lang="(\w\w)">/)
    expect(html).toContain(`<html lang="${lang}">`)
    expect(html).toContain(heading)
    // leads each visitor on: the survey link field, the dashboards and the API reference
    expect(html).toContain('<label for="survey-link"')
    for (const href of ['/procurer', '/provider', '/docs']) expect(html).toContain(`href="${href}"`)
    // the language links, as on the other pages
    expect(html).toContain('href="?lang=sv"')
    expect(html).toContain('aria-current="true"')
  })
})

describe('POST / (a pasted survey link)', () => {
  it('sends a whole link or the code alone to the survey page, logging nothing', async () => {
    const logs = [
      vi.spyOn(console, 'log').mockImplementation(() => {}),
      vi.spyOn(console, 'warn').mockImplementation(() => {}),
      vi.spyOn(console, 'error').mockImplementation(() => {}),
    ]
    for (const pasted of [TOKEN, `https://laatu.example.fi/s/${TOKEN}?lang=en`]) {
      const res = await paste(pasted)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/s/${TOKEN}`)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
    for (const log of logs) expect(log).not.toHaveBeenCalled()
  })

  it('shows the page again with the error at the field for anything else', async () => {
    const res = await paste('https://example.com/not-a-survey', 'en')
    expect(res.status).toBe(422)
    const html = res.data as string
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('role="alert"')
    expect(html).toContain('This is not a survey link.')
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain('aria-describedby="survey-link-hint survey-link-error"')
    expect(html).toContain('value="https://example.com/not-a-survey"')
    expect((await paste('', 'sv')).status).toBe(422)
  })
})
