import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env.ts'
import { enforce, limiter } from './rate-limit.ts'

/** Per personal link: generous for a person (a save every few seconds), tight for a script. */
export const respondentLimit = createMiddleware<AppEnv>(async (c, next) => {
  await enforce(
    limiter(c.env.RESPONDENT_LIMITER, 'respondent', 120),
    `t:${c.req.param('token')}`,
    'requests for this survey link',
  )
  await next()
})
