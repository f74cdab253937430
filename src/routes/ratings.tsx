import { Hono } from 'hono'
import { z } from 'zod'
import { systemDeps } from '../app/deps.ts'
import { scoresFor } from '../app/programme-reads.ts'
import { getProgramme } from '../db/programmes.ts'
import { offeredPeriods } from '../domain/periods.ts'
import type { AppEnv } from '../env.ts'
import { queryParams } from '../http/validate.ts'
import { nowIso } from '../lib/time.ts'
import { pickLanguage } from '../pages/i18n.ts'
import { MessagePage } from '../pages/layout.tsx'
import { ratingTexts } from '../pages/ratings-i18n.ts'
import { RatingsPage } from '../pages/ratings-page.tsx'
import { scoresQuerySchema } from '../schemas/scores.ts'

// The page's period form sends period= (empty) for its default, the last 12 whole months.
const pageQuery = z.preprocess(
  (q) => Object.fromEntries(Object.entries(q as Record<string, string>).filter(([, v]) => v !== '')),
  scoresQuerySchema,
)

/** GET /ratings/:pid: the public ratings page, rendered on the server (the chart is an extra). */
export const ratingsPageRoutes = new Hono<AppEnv>().get('/:pid', queryParams(pageQuery), async (c) => {
  const lang = pickLanguage(c.req.query('lang'), 'fi')
  const programme = await getProgramme(c.env.DB, c.req.param('pid'))
  if (!programme) {
    return c.html(
      `<!doctype html>${MessagePage({ lang, title: ratingTexts[lang].notFound, text: '' }).toString()}`,
      404,
    )
  }
  const query = c.req.valid('query')
  const scores = await scoresFor(systemDeps(c.env), programme, query, 'public')
  c.header('cache-control', 'public, max-age=300')
  const page = (
    <RatingsPage
      lang={lang}
      programme={{
        name: programme.name,
        minResponses: programme.publication.minResponses,
        linkCustody: programme.linkCustody,
      }}
      programmeMean={scores.programme.qualityIndex.mean}
      priorWeight={scores.programme.estimates.priorWeight}
      period={scores.period}
      selected={query.period ?? null}
      offered={offeredPeriods(nowIso().slice(0, 10))}
      providers={scores.providers}
      series={scores.series}
      otherSeries={scores.otherSeries}
      selectedSeries={query.series ?? null}
    />
  )
  return c.html(`<!doctype html>${page.toString()}`)
})
