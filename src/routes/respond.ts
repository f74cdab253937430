import { Hono } from 'hono'
import { answerSurvey, declineSurvey } from '../app/answer-survey.ts'
import { systemDeps } from '../app/deps.ts'
import { openSession, withSession } from '../app/respondent-session.ts'
import type { AppEnv } from '../env.ts'
import { respondentLimit } from '../http/respondent-limit.ts'
import { jsonBody } from '../http/validate.ts'
import { networkHash } from '../lib/network-hash.ts'
import { respondSchema } from '../schemas/respond.ts'

/** The respondent's API: the personal token in the path is the only credential. */
export const respondRoutes = new Hono<AppEnv>()
  // '/:token/*' also matches '/:token' itself: one count per request
  .use('/:token/*', respondentLimit)
  .get('/:token', async (c) => {
    const s = await openSession(systemDeps(c.env), c.req.param('token'), { markOpen: true })
    c.header('cache-control', 'no-store')
    // A finished link says only that it is finished: whoever holds it (the respondent, or a provider that
    // imported the episode) never reads the answers or the comment back out of it.
    if (s.status === 'completed' || s.status === 'declined') {
      return c.json({ status: s.status })
    }
    return c.json({
      surveyId: s.runtime.id,
      version: s.runtime.version,
      language: s.language,
      status: s.status,
      expiresAt: s.invitation.expiresAt,
      answers: s.answers,
      definition: s.runtime.definition,
    })
  })
  .put('/:token', jsonBody(respondSchema), async (c) => {
    const deps = systemDeps(c.env)
    const net = await networkHash(c.req.header('cf-connecting-ip'), c.env.ADMIN_TOKEN)
    // After a page view the isolate has the invitation: the save is then one guarded D1 batch.
    const result = await withSession(deps, c.req.param('token'), (s) => answerSurvey(deps, s, c.req.valid('json'), net))
    return c.json({ status: result.status, answers: result.answers, idempotent: result.idempotent })
  })
  .post('/:token/decline', async (c) => {
    const deps = systemDeps(c.env)
    await withSession(deps, c.req.param('token'), (s) => declineSurvey(deps, s))
    return c.json({ status: 'declined' })
  })
