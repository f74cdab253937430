import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { findVersion, latestVersion, type SurveyVersion, surveyIds, surveyVersions } from '../surveys/catalog.ts'
import { scoredItems, surveyLanguages } from '../surveys/scored-items.ts'

const view = (v: SurveyVersion) => ({
  id: v.id,
  version: v.version,
  languages: surveyLanguages(v.definition),
  scoredItems: scoredItems(v.definition),
  definition: v.definition,
})

/** Survey definitions are public: respondents, providers and SurveyJS tools may all read them. */
export const surveyRoutes = new Hono<AppEnv>()
  .get('/', (c) =>
    c.json({
      surveys: surveyIds().map((id) => ({
        ...view(latestVersion(id)!),
        versions: surveyVersions.filter((v) => v.id === id).map((v) => v.version),
      })),
    }),
  )
  .get('/:id', (c) => {
    const latest = latestVersion(c.req.param('id'))
    if (!latest) throw new ApiError(404, `No survey ${c.req.param('id')}`)
    return c.json(view(latest))
  })
  .get('/:id/versions/:v', (c) => {
    const found = findVersion(c.req.param('id'), Number(c.req.param('v')))
    if (!found) throw new ApiError(404, `No version ${c.req.param('v')} of survey ${c.req.param('id')}`)
    return c.json(view(found))
  })
