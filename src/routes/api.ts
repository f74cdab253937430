import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../env.ts'
import { auditChanges } from '../http/audit.ts'
import { requireKey } from '../http/auth.ts'
import { ApiError } from '../http/errors.ts'
import { auditRoutes } from './audit.ts'
import { episodeRoutes } from './episodes.ts'
import { feeRuleTemplateRoutes } from './fee-rule-templates.ts'
import { feeRunRoutes } from './fee-runs.ts'
import { keyRoutes } from './keys.ts'
import { nationalRoutes } from './national.ts'
import { openapiRoutes } from './openapi.ts'
import { programmeRoutes } from './programmes.ts'
import { publicRoutes } from './public.ts'
import { respondRoutes } from './respond.ts'
import { surveyRoutes } from './surveys.ts'

/** 5,000 episodes with contacts fit in well under this. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

export const apiRoutes = new Hono<AppEnv>()
  .use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`)
      },
    }),
  )
  .use('/keys/*', requireKey, auditChanges)
  .use('/programmes/*', requireKey, auditChanges)
  .use('/episodes/*', requireKey, auditChanges)
  .use('/fee-runs/*', requireKey, auditChanges)
  .use('/audit/*', requireKey)
  .use('/me', requireKey)
  .use('/national/*', requireKey)
  // Who the key is: lets a client (the dashboards) pick its views without probing for 403s.
  .get('/me', (c) => c.json(c.get('principal')))
  .route('/keys', keyRoutes)
  .route('/audit', auditRoutes)
  .route('/programmes', programmeRoutes)
  .route('/episodes', episodeRoutes)
  .route('/fee-runs', feeRunRoutes)
  .route('/surveys', surveyRoutes)
  .route('/fee-rule-templates', feeRuleTemplateRoutes)
  .route('/respond', respondRoutes)
  .route('/public', publicRoutes)
  .route('/openapi.json', openapiRoutes)
  .route('/national', nationalRoutes)
