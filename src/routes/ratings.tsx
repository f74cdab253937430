import { Hono } from 'hono'
import { getProgramme } from '../db/programmes.ts'
import type { AppEnv } from '../env.ts'
import { queryParams } from '../http/validate.ts'
import { pickLanguage } from '../pages/i18n.ts'
import { MessagePage } from '../pages/layout.tsx'
import { ratingTexts } from '../pages/ratings-i18n.ts'
import { RatingsPage } from '../pages/ratings-page.tsx'
import { scoresQuerySchema } from '../schemas/scores.ts'
import { scoresFor } from './programme-scores.ts'

/** GET /ratings/:pid: the public ratings page, rendered on the server (the chart is an extra). */
export const ratingsPageRoutes = new Hono<AppEnv>().get('/:pid', queryParams(scoresQuerySchema), async (c) => {
  const lang = pickLanguage(c.req.query('lang'), 'fi')
  const programme = await getProgramme(c.env.DB, c.req.param('pid'))
  if (!programme) {
    return c.html(
      `<!doctype html>${MessagePage({ lang, title: ratingTexts[lang].notFound, text: '' }).toString()}`,
      404,
    )
  }
  const scores = await scoresFor(c.env.DB, programme, c.req.valid('query'), 'public')
  c.header('cache-control', 'public, max-age=300')
  const page = (
    <RatingsPage
      lang={lang}
      programme={{ name: programme.name, minResponses: programme.publication.minResponses }}
      programmeMean={scores.programme.qualityIndex.mean}
      period={scores.period}
      providers={scores.providers}
    />
  )
  return c.html(`<!doctype html>${page.toString()}`)
})
