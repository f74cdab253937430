import { type Context, Hono } from 'hono'
import { tokenFromPasted } from '../domain/invitation-token.ts'
import type { AppEnv } from '../env.ts'
import { HomePage } from '../pages/home-page.tsx'
import { pickLanguage } from '../pages/i18n.ts'

const page = (c: Context<AppEnv>, refused?: string) => {
  const lang = pickLanguage(c.req.query('lang'), 'fi')
  return c.html(
    `<!doctype html>${(<HomePage lang={lang} refused={refused} />).toString()}`,
    refused === undefined ? 200 : 422,
  )
}

/**
 * `/`: the landing page. Its form takes a pasted survey link or code and sends the respondent to
 * /s/<token>. The pasted text is a personal link: it is posted (never in a URL of this page), checked for
 * shape only, and never logged.
 */
export const homeRoutes = new Hono<AppEnv>()
  .get('/', (c) => page(c))
  .post('/', async (c) => {
    c.header('cache-control', 'no-store')
    const form = await c.req.parseBody()
    const pasted = typeof form.link === 'string' ? form.link : ''
    const token = tokenFromPasted(pasted)
    if (!token) return page(c, pasted.slice(0, 2000))
    return c.redirect(`/s/${token}`, 303)
  })
