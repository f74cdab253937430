import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../env.ts'
import { auditChanges } from '../http/audit.ts'
import { requireKey } from '../http/auth.ts'
import { ApiError } from '../http/errors.ts'
import { audit } from './audit.ts'
import { episodes } from './episodes.ts'
import { keys } from './keys.ts'
import { openapi } from './openapi.ts'
import { programmes } from './programmes.ts'
import { publicApi } from './public.ts'
import { respond } from './respond.ts'
import { runs } from './runs.ts'
import { surveys } from './surveys.ts'

/** 5,000 episodes with contacts fit in well under this. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

export const api = new Hono<AppEnv>()
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
  // Who the key is: lets a client (the dashboards) pick its views without probing for 403s.
  .get('/me', (c) => c.json(c.get('principal')))
  .route('/keys', keys)
  .route('/audit', audit)
  .route('/programmes', programmes)
  .route('/episodes', episodes)
  .route('/fee-runs', runs)
  .route('/surveys', surveys)
  .route('/respond', respond)
  .route('/public', publicApi)
  .route('/openapi.json', openapi)
