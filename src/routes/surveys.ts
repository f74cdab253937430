import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import {
  authoredSurveys,
  createSurvey,
  previewDraft,
  publishSurvey,
  readDraft,
  saveDraft,
  surveyVersionList,
} from '../app/surveys.ts'
import { findPublishedVersion, latestPublishedVersion, type PublishedVersion } from '../db/survey-versions.ts'
import { publishedVersionNumbers } from '../db/surveys.ts'
import type { AppEnv } from '../env.ts'
import { auditChanges } from '../http/audit.ts'
import { requireKey } from '../http/auth.ts'
import { ApiError, errorBody } from '../http/errors.ts'
import { jsonBody, queryParams } from '../http/validate.ts'
import { surveyPreviewHtml } from '../pages/survey-preview.tsx'
import { createSurveySchema, previewQuery, publishSurveySchema, saveDraftSchema } from '../schemas/surveys.ts'

/** Reading a definition's items needs survey-core, loaded on first use (most routes never need it). */
const view = async (v: PublishedVersion) => {
  const { scoredItems, surveyLanguages } = await import('../surveys/scored-items.ts')
  return {
    id: v.surveyId,
    version: v.version,
    languages: surveyLanguages(v.definition),
    scoredItems: scoredItems(v.definition),
    definition: v.definition,
  }
}

/**
 * Published survey versions are public: respondents, providers and SurveyJS tools may all read them. Drafts, their
 * findings and previews, publication and the versions' use are for the procurers who author them (a key).
 */
export const surveyRoutes = new Hono<AppEnv>()
  .post('/', requireKey, auditChanges, jsonBody(createSurveySchema), async (c) => {
    return c.json(await createSurvey(systemDeps(c.env), c.get('principal'), c.req.valid('json')), 201)
  })
  .get('/', async (c) => {
    const numbers = await publishedVersionNumbers(c.env.DB)
    const latest = await Promise.all([...numbers.keys()].map((id) => latestPublishedVersion(c.env.DB, id)))
    const surveys = await Promise.all(
      latest.map(async (v) => ({ ...(await view(v!)), versions: numbers.get(v!.surveyId)! })),
    )
    return c.json({ surveys })
  })
  // Before /:id, which would take "authored" for a survey id.
  .get('/authored', requireKey, async (c) => {
    return c.json({ surveys: await authoredSurveys(c.env.DB, c.get('principal')) })
  })
  .get('/:id', async (c) => {
    const latest = await latestPublishedVersion(c.env.DB, c.req.param('id'))
    if (!latest) throw new ApiError(404, `No survey ${c.req.param('id')}`)
    return c.json(await view(latest))
  })
  .get('/:id/versions/:v', async (c) => {
    const v = Number(c.req.param('v'))
    const found = Number.isSafeInteger(v) ? await findPublishedVersion(c.env.DB, c.req.param('id'), v) : null
    if (!found) throw new ApiError(404, `No version ${c.req.param('v')} of survey ${c.req.param('id')}`)
    return c.json(await view(found))
  })
  .get('/:id/versions', requireKey, async (c) => {
    return c.json(await surveyVersionList(c.env.DB, c.get('principal'), c.req.param('id')))
  })
  .get('/:id/draft', requireKey, async (c) => {
    return c.json(await readDraft(c.env.DB, c.get('principal'), c.req.param('id')))
  })
  .put('/:id/draft', requireKey, auditChanges, jsonBody(saveDraftSchema), async (c) => {
    const id = c.req.param('id')
    return c.json(await saveDraft(systemDeps(c.env), c.get('principal'), id, c.req.valid('json')))
  })
  .get('/:id/draft/lint', requireKey, async (c) => {
    const { findings } = await readDraft(c.env.DB, c.get('principal'), c.req.param('id'))
    const errors = findings.filter((f) => f.severity === 'error').length
    return c.json({ findings, errors, warnings: findings.length - errors })
  })
  .get('/:id/draft/preview', requireKey, queryParams(previewQuery), async (c) => {
    const { lang, page } = c.req.valid('query')
    const pageView = await previewDraft(c.env.DB, c.get('principal'), c.req.param('id'), lang, page)
    return c.html(surveyPreviewHtml(pageView, lang))
  })
  .post('/:id/publish', requireKey, auditChanges, jsonBody(publishSurveySchema), async (c) => {
    const id = c.req.param('id')
    const result = await publishSurvey(systemDeps(c.env), c.get('principal'), id, c.req.valid('json'))
    if ('published' in result) return c.json(result.published, 201)
    const errors = result.refused.filter((f) => f.severity === 'error')
    const issues = errors.map((f) => ({ path: f.path ? `json.${f.path}` : 'json', message: f.message.en }))
    const message = `The draft has ${errors.length} error(s); fix them before publishing`
    return c.json({ ...errorBody('invalid', message, issues), findings: result.refused }, 422)
  })
